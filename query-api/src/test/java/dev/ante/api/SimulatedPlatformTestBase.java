package dev.ante.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ante.simulator.HttpSink;
import dev.ante.simulator.Simulation;
import dev.ante.simulator.SimulationConfig;
import dev.ante.simulator.StreamBatch;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real platform with its embedded QuestDB, holding simulated games (3 agents, 60 games, their strategies
 * and learning runs, played over the last three hours), posted once for every test class that shares this
 * context: the dashboard in a browser and the Grafana dashboards' queries.
 */
// Tests leave metrics export off unless asked: the Grafana test reads the platform's Prometheus scrape.
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ante.security.agent-keys=agent-key", "ante.security.researcher-keys=researcher-key",
        "ante.security.admin-keys=admin-key", "ante.questdb.mode=embedded", "ante.questdb.http-port=0",
        "ante.questdb.pg-port=0", "ante.questdb.batch-linger=0"})
abstract class SimulatedPlatformTestBase {

    private static final Path DATA_DIR = DataDirs.fresh("ante-simulated-");
    private static boolean posted;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ante.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    protected int port;

    protected static Path dataDir() {
        return DATA_DIR;
    }

    protected Http http;

    /** Posts the simulated games unless this context already has them, and waits for every projection. */
    protected void simulatedGames() throws Exception {
        http = new Http(port);
        synchronized (SimulatedPlatformTestBase.class) {
            if (!posted) {
                // Seed 4 gives some wins among the 60 games, so that win rates are not all zero.
                SimulationConfig config = SimulationConfig.of(4, 3, 60).withIdPrefix("dash")
                        .withStartTime(Instant.now().minus(Duration.ofHours(3)));
                HttpSink sink = HttpSink.builder(URI.create("http://127.0.0.1:" + port), "agent-key").build();
                for (StreamBatch batch : Simulation.of(config)) {
                    sink.send(batch);
                }
                posted = true;
            }
        }
        awaitProjections();
    }

    private void awaitProjections() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode items = http.get("/api/v1/projections", "admin-key").json().get("items");
            boolean caughtUp = true;
            for (JsonNode item : items) {
                caughtUp &= item.get("lag").asLong() == 0;
            }
            if (caughtUp) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the projections did not catch up");
    }
}
