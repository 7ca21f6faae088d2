package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backs up a platform (child JVM, embedded QuestDB on) while agents keep posting games, starts a second
 * platform on the backup directory, and checks that it is one consistent moment of the first: every game
 * acknowledged before the backup began is there, every stream is a prefix of the original one, the read
 * models equal a hand computation over the restored events, the time series hold one row per restored
 * event, and the restored platform takes new appends where its streams stood.
 */
class BackupIT {

    private static final List<String> KEYS = List.of("--ante.security.agent-keys=agent-key",
            "--ante.security.researcher-keys=researcher-key", "--ante.security.admin-keys=admin-key");

    @TempDir
    Path work;

    private final List<Path> logs = new ArrayList<>();

    @Test
    void givenIngestGoingOn_whenBackedUpAndRestored_thenTheCopyIsOneConsistentMoment() throws Exception {
        Path dataDir = work.resolve("data");
        int port = ChildPlatforms.freePort();
        Process original = start(port, dataDir);
        Process restored = null;
        Http http = new Http(port);
        try {
            ChildPlatforms.awaitUp(http, original);

            Map<String, Long> acknowledged = new ConcurrentHashMap<>();
            Set<String> attempted = ConcurrentHashMap.newKeySet();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(3);
            for (int c = 0; c < 3; c++) {
                int client = c;
                clients.submit(() -> {
                    for (int n = 0; running.get(); n++) {
                        String gameId = "backup-" + client + "-" + n;
                        attempted.add(gameId);
                        List<Map<String, Object>> game = RandomGames.generate(gameId, 1, gameId.hashCode()).get(0).events();
                        int half = game.size() / 2;
                        for (List<Map<String, Object>> batch : List.of(game.subList(0, half), game.subList(half, game.size()))) {
                            Http.Response r = http.postJson("/api/v1/games/" + gameId + "/events", "agent-key", batch);
                            assertThat(r.status()).as(r.text()).isEqualTo(200);
                            acknowledged.put(gameId, r.json().get("lastRevision").asLong());
                        }
                    }
                    return null;
                });
            }
            while (acknowledged.size() < 30) {
                Thread.sleep(20);
            }

            // Only an admin may back up.
            assertThat(http.postJson("/api/v1/admin/backup", "agent-key", Map.of()).status()).isEqualTo(403);
            Map<String, Long> beforeBackup = new HashMap<>(acknowledged);
            Http.Response backup = http.postJson("/api/v1/admin/backup", "admin-key", Map.of());
            assertThat(backup.status()).as(backup.text()).isEqualTo(200);
            Thread.sleep(300);
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            Path copy = Path.of(backup.json().get("path").asText());
            assertThat(copy.getParent()).isEqualTo(work.resolve("data-backups"));
            assertThat(copy.resolve("events.db")).isRegularFile();
            assertThat(copy.resolve("readmodels").resolve("ante.mv.db")).isRegularFile();
            assertThat(copy.resolve("questdb").resolve("_restore")).isRegularFile();
            assertThat(copy.resolve("backup.json")).isRegularFile();
            try (var names = Files.list(copy.getParent())) {
                assertThat(names.map(p -> p.getFileName().toString())).as("no partial backup left behind")
                        .containsExactly(copy.getFileName().toString());
            }
            long backupHead = backup.json().get("headPosition").asLong();

            int restoredPort = ChildPlatforms.freePort();
            restored = start(restoredPort, copy);
            Http copyHttp = new Http(restoredPort);
            ChildPlatforms.awaitUp(copyHttp, restored);
            assertThat(copy.resolve("questdb").resolve("_restore")).as("QuestDB restored its checkpoint").doesNotExist();

            long head = head(copyHttp);
            assertThat(head).isEqualTo(backupHead);
            Map<String, List<JsonNode>> stored = new LinkedHashMap<>();
            long hands = 0;
            long outcomes = 0;
            for (String gameId : attempted) {
                Http.Response there = copyHttp.get("/api/v1/games/" + gameId + "/events?limit=1000", "agent-key");
                Long before = beforeBackup.get(gameId);
                if (there.status() == 404) {
                    assertThat(before).as(gameId + " was acknowledged before the backup began").isNull();
                    continue;
                }
                assertThat(there.status()).as(there.text()).isEqualTo(200);
                JsonNode items = there.json().get("items");
                if (before != null) {
                    assertThat(items.size() - 1L).as(gameId).isGreaterThanOrEqualTo(before);
                }
                JsonNode originalItems = http.get("/api/v1/games/" + gameId + "/events?limit=1000", "agent-key")
                        .json().get("items");
                List<JsonNode> events = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    JsonNode event = items.get(i);
                    JsonNode same = originalItems.get(i);
                    assertThat(event.get("eventId")).as(gameId + " " + i).isEqualTo(same.get("eventId"));
                    assertThat(event.get("position")).as(gameId + " " + i).isEqualTo(same.get("position"));
                    assertThat(event.get("data")).as(gameId + " " + i).isEqualTo(same.get("data"));
                    assertThat(event.get("position").asLong()).isLessThanOrEqualTo(head);
                    events.add(event);
                    hands += event.get("type").asText().equals("HandPlayed") ? 1 : 0;
                    outcomes += event.get("type").asText().equals("GameCompleted") ? 1 : 0;
                }
                stored.put(gameId, events);
            }
            assertThat(stored.size()).isGreaterThanOrEqualTo(beforeBackup.size());

            for (String endpoint : List.of("/api/v1/games?limit=1", "/api/v1/synergies?limit=1",
                    "/api/v1/strategies/leaderboard?limit=1", "/api/v1/strategies/winning-builds?limit=1",
                    "/api/v1/stats/antes")) {
                Http.Response r = copyHttp.get(endpoint + (endpoint.contains("?") ? "&" : "?") + "minPosition=" + head,
                        "agent-key");
                assertThat(r.headers().firstValue("Ante-Position-Not-Reached")).as(endpoint).isEmpty();
            }
            new ExpectedReadModels(stored, Map.of()).checkAll(copyHttp, "agent-key");

            // The time series: what the copy held plus what the restored writers added, one row per event.
            awaitCount(copyHttp, "game_metrics", hands);
            awaitCount(copyHttp, "game_outcomes", outcomes);

            // The restored platform goes on where its streams stood.
            String someGame = stored.keySet().iterator().next();
            long last = stored.get(someGame).size() - 1L;
            List<Map<String, Object>> more = RandomGames.generate("backup-more", 1, 7).get(0).events().subList(0, 1);
            Http.Response appended = copyHttp.postJson("/api/v1/games/backup-more/events?expectedRevision=-1",
                    "agent-key", more);
            assertThat(appended.status()).as(appended.text()).isEqualTo(200);
            assertThat(appended.json().get("position").asLong()).isEqualTo(head + 1);
            Http.Response stale = copyHttp.postJson("/api/v1/games/" + someGame + "/events?expectedRevision="
                    + (last - 1), "agent-key", more);
            assertThat(stale.status()).isEqualTo(409);
            assertThat(stale.json().get("actualRevision").asLong()).isEqualTo(last);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- platform logs (last lines) ---\n"
                    + ChildPlatforms.tails(logs, 40), e);
        } finally {
            ChildPlatforms.stop(original);
            ChildPlatforms.stop(restored);
        }
    }

    private static void awaitCount(Http http, String table, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long count = -1;
        while (System.nanoTime() < deadline) {
            Http.Response r = http.postJson("/api/v1/sql", "researcher-key",
                    Map.of("query", "SELECT count() FROM " + table, "limit", 1));
            if (r.status() == 200) {
                count = r.json().get("rows").get(0).get(0).asLong();
                if (count == expected) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        assertThat(count).as(table + " rows").isEqualTo(expected);
    }

    private static long head(Http http) {
        return http.get("/api/v1/projections", "agent-key").json().get("items").get(0).get("head").asLong();
    }

    private Process start(int port, Path dataDir) throws IOException {
        Path log = work.resolve("app-" + logs.size() + ".log");
        logs.add(log);
        List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--ante.data-dir=" + dataDir,
                "--ante.questdb.http-port=0", "--ante.questdb.pg-port=0"));
        args.addAll(KEYS);
        return ChildPlatforms.start(log, args);
    }
}
