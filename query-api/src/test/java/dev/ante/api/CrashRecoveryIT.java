package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the platform in a child JVM, posts games from several clients, kills the JVM with SIGKILL in
 * the middle, restarts it on the same data directory and checks that every acknowledged batch is there, and
 * that the read models, rebuilt because the killed process never closed their file, match the stored events.
 */
class CrashRecoveryIT {

    private static final String KEYS = "--ante.security.agent-keys=agent-key";
    private static final String NO_QUESTDB = "--ante.questdb.mode=disabled";

    @TempDir
    Path dataDir;

    private Path lastLog;

    @Test
    void givenAcknowledgedGames_whenTheJvmIsKilled_thenAllAreThereAfterRestart() throws Exception {
        int port = ChildPlatforms.freePort();
        Process app = start(port);
        Http http = new Http(port);
        ChildPlatforms.awaitUp(http, app);

        // gameId -> last acknowledged revision
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int c = 0; c < 4; c++) {
            int client = c;
            clients.submit(() -> {
                int n = 0;
                while (running.get()) {
                    String gameId = "crash-" + client + "-" + n++;
                    attempted.add(gameId);
                    try {
                        for (List<Map<String, Object>> batch : batches(RandomGames.generate(gameId, 1, gameId.hashCode()).get(0).events())) {
                            Http.Response r = http.postJson("/api/v1/games/" + gameId + "/events", "agent-key", batch);
                            if (r.status() != 200) {
                                break;
                            }
                            acknowledged.put(gameId, r.json().get("lastRevision").asLong());
                        }
                    } catch (RuntimeException e) {
                        return; // the server went away mid-request: that batch was never acknowledged
                    }
                }
            });
        }
        while (acknowledged.size() < 40) {
            Thread.sleep(20);
        }
        // Kill while the read models are behind the log, so the restart has to finish their batches.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (maxLag(http) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        app.destroyForcibly();
        app.waitFor(30, TimeUnit.SECONDS);
        running.set(false);
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.SECONDS);

        Process restarted = start(port);
        try {
            ChildPlatforms.awaitUp(http, restarted);
            for (Map.Entry<String, Long> game : acknowledged.entrySet()) {
                Http.Response events = http.get("/api/v1/games/" + game.getKey() + "/events?limit=1000", "agent-key");
                assertThat(events.status()).as(game.getKey()).isEqualTo(200);
                assertThat(events.json().get("lastRevision").asLong()).as(game.getKey())
                        .isGreaterThanOrEqualTo(game.getValue());
                for (int i = 0; i < events.json().get("items").size(); i++) {
                    assertThat(events.json().get("items").get(i).get("revision").asLong()).isEqualTo(i);
                }
            }
            // The read models, rebuilt from where their tokens stood, count every stored event exactly once.
            Map<String, List<JsonNode>> stored = new LinkedHashMap<>();
            for (String gameId : attempted) {
                Http.Response events = http.get("/api/v1/games/" + gameId + "/events?limit=1000", "agent-key");
                if (events.status() == 200) {
                    List<JsonNode> list = new ArrayList<>();
                    events.json().get("items").forEach(list::add);
                    stored.put(gameId, list);
                }
            }
            long head = http.get("/api/v1/projections", "agent-key").json().get("items").get(0).get("head").asLong();
            for (String endpoint : List.of("/api/v1/games?limit=1", "/api/v1/synergies?limit=1",
                    "/api/v1/strategies/leaderboard?limit=1", "/api/v1/strategies/winning-builds?limit=1",
                    "/api/v1/stats/antes")) {
                Http.Response r = http.get(endpoint + (endpoint.contains("?") ? "&" : "?") + "minPosition=" + head,
                        "agent-key");
                assertThat(r.headers().firstValue("Ante-Position-Not-Reached")).as(endpoint).isEmpty();
            }
            new ExpectedReadModels(stored, Map.of()).checkAll(http, "agent-key");
            // The killed platform never closed the read-model file, so the restart rebuilt it from the log.
            assertThat(Files.readString(lastLog)).contains("stopped without closing it");
            assertThat(marker()).exists();

            // A clean stop closes the file and removes the marker: the next start trusts the read models.
            restarted.destroy();
            assertThat(restarted.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(marker()).as("the marker after a clean stop").doesNotExist();
        } catch (AssertionError e) {
            // The platform ran in another JVM: what it logged after the restart is the first thing to read.
            throw new AssertionError(e.getMessage() + "\n--- platform log after the restart (last lines) ---\n"
                    + ChildPlatforms.tail(lastLog, 60), e);
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Path marker() {
        return dataDir.resolve("readmodels").resolve("ante.open-by");
    }

    private static long maxLag(Http http) {
        try {
            Http.Response r = http.get("/api/v1/projections", "agent-key");
            long lag = 0;
            for (JsonNode item : r.json().get("items")) {
                lag = Math.max(lag, item.get("lag").asLong());
            }
            return lag;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static List<List<Map<String, Object>>> batches(List<Map<String, Object>> game) {
        int third = game.size() / 3;
        return List.of(game.subList(0, third), game.subList(third, 2 * third), game.subList(2 * third, game.size()));
    }

    private Process start(int port) throws IOException {
        Path log = dataDir.resolve("app-" + System.nanoTime() + ".log");
        lastLog = log;
        return ChildPlatforms.start(log, List.of("--server.port=" + port, "--ante.data-dir=" + dataDir, KEYS, NO_QUESTDB));
    }
}
