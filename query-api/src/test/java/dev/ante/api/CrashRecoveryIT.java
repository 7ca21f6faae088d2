package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * the middle, restarts it on the same data directory and checks that every acknowledged batch is there.
 */
class CrashRecoveryIT {

    private static final String KEYS = "--ante.security.agent-keys=agent-key";

    @TempDir
    Path dataDir;

    @Test
    void givenAcknowledgedGames_whenTheJvmIsKilled_thenAllAreThereAfterRestart() throws Exception {
        int port = freePort();
        Process app = start(port);
        Http http = new Http(port);
        awaitUp(http, app);

        // gameId -> last acknowledged revision
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int c = 0; c < 4; c++) {
            int client = c;
            clients.submit(() -> {
                int n = 0;
                while (running.get()) {
                    String gameId = "crash-" + client + "-" + n++;
                    try {
                        for (List<Map<String, Object>> batch : batches(Games.shortGame(8))) {
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
        app.destroyForcibly();
        app.waitFor(30, TimeUnit.SECONDS);
        running.set(false);
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.SECONDS);

        Process restarted = start(port);
        try {
            awaitUp(http, restarted);
            for (Map.Entry<String, Long> game : acknowledged.entrySet()) {
                Http.Response events = http.get("/api/v1/games/" + game.getKey() + "/events?limit=1000", "agent-key");
                assertThat(events.status()).as(game.getKey()).isEqualTo(200);
                assertThat(events.json().get("lastRevision").asLong()).as(game.getKey())
                        .isGreaterThanOrEqualTo(game.getValue());
                for (int i = 0; i < events.json().get("items").size(); i++) {
                    assertThat(events.json().get("items").get(i).get("revision").asLong()).isEqualTo(i);
                }
            }
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static List<List<Map<String, Object>>> batches(List<Map<String, Object>> game) {
        return List.of(game.subList(0, 3), game.subList(3, 7), game.subList(7, game.size()));
    }

    private Process start(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dataDir.resolve("app-" + System.nanoTime() + ".log");
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                AnteApplication.class.getName(), "--server.port=" + port, "--ante.data-dir=" + dataDir, KEYS)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static void awaitUp(Http http, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the platform exited during startup").isTrue();
            try {
                if (http.get("/actuator/health", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the platform did not start within 90 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
