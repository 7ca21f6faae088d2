package dev.ante.api;

import dev.ante.infra.store.StreamStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The real application on a random port over a fresh embedded data directory, with fixed keys. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ante.security.agent-keys=agent-key",
        "ante.security.researcher-keys=researcher-key",
        "ante.security.admin-keys=admin-key",
        "ante.questdb.mode=disabled"})
public abstract class ApiTestBase {

    protected static final String AGENT = "agent-key";
    protected static final String RESEARCHER = "researcher-key";
    protected static final String ADMIN = "admin-key";

    private static final Path DATA_DIR = DataDirs.fresh("ante-it-");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ante.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected StreamStore store;

    protected Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    protected static Path dataDir() {
        return DATA_DIR;
    }
}
