package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ante.api.demo.DemoAgents;
import dev.ante.api.demo.DemoMode;
import dev.ante.infra.store.StreamStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code --demo}: simulated agents post games to the platform's own API as soon as it is up. */
class DemoModeIT {

    private static final String KEY = "demo-agent-key";

    @Test
    void givenTheDemoFlag_whenStarted_thenSimulatedGamesArriveAreReadableAndStopWithTheApplication()
            throws IOException {
        Path dataDir = Files.createTempDirectory("ante-demo-it-");
        String[] args = DemoMode.arguments(new String[] {DemoMode.FLAG, "--server.port=0",
            "--ante.data-dir=" + dataDir, "--ante.questdb.mode=disabled", "--ante.security.agent-keys=" + KEY,
            "--ante.demo.games=60", "--ante.demo.games-per-second=20", "--ante.demo.seed=42",
            // The shipped event-age rule, not the tests' wide one: the demo's agents post live events.
            "--ante.ingest.max-event-age=24h", "--ante.ingest.max-event-lead=5m"});

        ConfigurableApplicationContext context = SpringApplication.run(AnteApplication.class, args);
        DemoAgents demo = context.getBean(DemoAgents.class);
        try {
            StreamStore store = context.getBean(StreamStore.class);
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();

            await().atMost(Duration.ofSeconds(90)).until(() -> demo.lastCompletedGame() != null);
            long head = store.headPosition();
            await().atMost(Duration.ofSeconds(60)).until(() -> store.headPosition() > head);
            Http.Response state = new Http(port).get("/api/v1/games/" + demo.lastCompletedGame() + "/state", KEY);

            assertThat(state.status()).as(state.text()).isEqualTo(200);
            assertThat(state.json().get("status").asText()).isIn("WON", "LOST", "ABANDONED");
            assertThat(state.json().get("handsPlayed").asInt()).isPositive();
            assertThat(demo.failures()).as(demo.summary()).isZero();

            // Every game the demo plays ends: no simulated agent dies mid-game and leaves it ACTIVE.
            await().atMost(Duration.ofSeconds(120)).until(() -> !demo.isRunning());
            Http.Response active = new Http(port).get("/api/v1/games?status=ACTIVE&limit=1000&minPosition="
                    + store.headPosition(), KEY);
            assertThat(active.json().get("items")).as(demo.summary()).isEmpty();
        } finally {
            context.close();
        }
        assertThat(demo.isRunning()).isFalse();
    }

    @Test
    void givenTheDemoFlagAlone_whenTranslated_thenTheDemoRunsInItsOwnDataDirectory() {
        String[] args = DemoMode.arguments(new String[] {DemoMode.FLAG, "--server.port=9999"});

        assertThat(args).contains("--ante.demo.enabled=true", "--server.port=9999").doesNotContain(DemoMode.FLAG);
        if (System.getenv("ANTE_DATA_DIR") == null && System.getProperty("ante.data-dir") == null) {
            assertThat(args).contains("--ante.data-dir=" + DemoMode.DATA_DIR);
        }
        assertThat(DemoMode.arguments(new String[] {DemoMode.FLAG, "--ante.data-dir=/srv/ante"}))
                .contains("--ante.data-dir=/srv/ante").doesNotContain("--ante.data-dir=" + DemoMode.DATA_DIR);
        assertThat(DemoMode.arguments(new String[] {"--server.port=1"})).containsExactly("--server.port=1");
    }
}
