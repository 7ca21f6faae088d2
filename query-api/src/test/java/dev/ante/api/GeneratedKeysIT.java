package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.api.security.ApiKeys;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With no keys configured, the first start writes one key per role, readable by its owner only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ante.questdb.mode=disabled")
class GeneratedKeysIT {

    private static final Path DATA_DIR = DataDirs.fresh("ante-keys-");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ante.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    @Test
    void givenNoConfiguredKeys_whenStarted_thenAKeysFileWithThreeRolesIsWrittenAndHonoured() throws IOException {
        Path file = DATA_DIR.resolve(ApiKeys.FILE_NAME);
        Properties keys = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            keys.load(reader);
        }
        Http http = new Http(port);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(keys.stringPropertyNames()).containsExactlyInAnyOrder("agent", "researcher", "admin");
        assertThat(keys.getProperty("agent")).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(keys.getProperty("admin"));

        Http.Response asAgent = http.postJson("/api/v1/games/keys-1/events", keys.getProperty("agent"),
                List.of(Games.started()));
        Http.Response asResearcher = http.postJson("/api/v1/games/keys-2/events", keys.getProperty("researcher"),
                List.of(Games.started()));
        Http.Response researcherReads = http.get("/api/v1/games/keys-1/state", keys.getProperty("researcher"));

        assertThat(asAgent.status()).as(asAgent.text()).isEqualTo(200);
        assertThat(asResearcher.status()).isEqualTo(403);
        assertThat(researcherReads.status()).isEqualTo(200);
    }
}
