package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moves completed games to the archive on a running platform (child JVM) and checks that nothing that reads events
 * can tell: every game's events read as before, a retried batch of an archived game is still a duplicate, a new event
 * for one is still refused, the read models still match the hand computation; then backs up, starts a second
 * platform on the backup, which has the archive too, rebuilds every read model there from the log with the archive
 * and gets the same answers.
 */
class RetentionIT {

    private static final String AGENT = "agent-key";
    private static final String ADMIN = "admin-key";
    /** Games posted whole; the generator leaves about one in five without a GameCompleted. */
    private static final int COMPLETED = 12;

    @TempDir
    Path work;

    private final List<Path> logs = new ArrayList<>();

    @Test
    void givenCompletedGames_whenArchived_thenReadsRetriesAndRebuildsAreUnchanged() throws Exception {
        Path dataDir = work.resolve("data");
        int port = ChildPlatforms.freePort();
        Process platform = start(port, dataDir);
        Process restored = null;
        Http http = new Http(port);
        try {
            ChildPlatforms.awaitUp(http, platform);

            Map<String, List<Map<String, Object>>> posted = new LinkedHashMap<>();
            Map<String, List<JsonNode>> expectedGames = new LinkedHashMap<>();
            List<RandomGames.Game> games = RandomGames.generate("kept", COMPLETED + 2, 20261203L);
            long head = 0;
            for (int i = 0; i < games.size(); i++) {
                RandomGames.Game game = games.get(i);
                // The last two stay in progress: no GameCompleted, so they are not archived.
                List<Map<String, Object>> events = i < COMPLETED ? game.events()
                        : game.events().subList(0, game.events().size() - 1);
                Http.Response r = http.postJson("/api/v1/games/" + game.gameId() + "/events", AGENT, events);
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                head = r.json().get("position").asLong();
                posted.put(game.gameId(), events);
                expectedGames.put(game.gameId(), ExpectedReadModels.tree(events));
            }
            ExpectedReadModels expected = new ExpectedReadModels(expectedGames, Map.of());
            // Some generated games never complete: those stay too.
            List<String> completed = posted.entrySet().stream()
                    .filter(e -> e.getValue().get(e.getValue().size() - 1).get("type").equals("GameCompleted"))
                    .map(Map.Entry::getKey).toList();
            assertThat(completed).hasSizeGreaterThan(COMPLETED / 2);
            awaitCaughtUp(http, head);
            expected.checkAll(http, AGENT);
            Map<String, JsonNode> before = new LinkedHashMap<>();
            for (String gameId : posted.keySet()) {
                before.put(gameId, events(http, gameId));
            }

            assertThat(http.post("/api/v1/admin/retention?olderThan=0s", AGENT, "application/json", "").status())
                    .isEqualTo(403);
            Http.Response invalid = http.post("/api/v1/admin/retention?olderThan=soon", ADMIN, "application/json", "");
            assertThat(invalid.status()).as(invalid.text()).isEqualTo(400);
            assertThat(invalid.json().get("detail").asText()).contains("olderThan", "soon");
            JsonNode none = retain(http, "3650d");
            assertThat(none.get("games").asInt()).isZero();
            assertThat(none.get("files")).isEmpty();

            JsonNode run = retain(http, "0s");
            assertThat(run.get("games").asInt()).as(run.toString()).isEqualTo(completed.size());
            assertThat(run.get("error").isNull()).as(run.toString()).isTrue();
            assertThat(run.get("files")).hasSize(1);
            JsonNode status = http.get("/api/v1/admin/retention", ADMIN).json();
            assertThat(status.get("games").asInt()).isEqualTo(completed.size());
            assertThat(status.get("files").asInt()).isEqualTo(1);
            assertThat(status.get("running").isNull()).isTrue();
            Path file = dataDir.resolve("archive").resolve(run.get("files").get(0).get("name").asText());
            assertThat(file).isRegularFile();

            // Every game reads as it did, archived or not.
            for (String gameId : posted.keySet()) {
                assertThat(events(http, gameId)).as(gameId).isEqualTo(before.get(gameId));
            }
            String archived = completed.get(0);
            List<Map<String, Object>> archivedEvents = posted.get(archived);
            Http.Response retry = http.postJson("/api/v1/games/" + archived + "/events", AGENT,
                    archivedEvents.subList(archivedEvents.size() - 2, archivedEvents.size()));
            assertThat(retry.status()).as(retry.text()).isEqualTo(200);
            assertThat(retry.json().get("appended").asInt()).isZero();
            assertThat(retry.json().get("duplicates").asInt()).isEqualTo(2);
            assertThat(retry.json().get("position").asLong()).isEqualTo(before.get(archived)
                    .get(archivedEvents.size() - 1).get("position").asLong());
            List<Map<String, Object>> another = RandomGames.generate("more", 1, 5).get(0).events().subList(1, 2);
            Http.Response refused = http.postJson("/api/v1/games/" + archived + "/events", AGENT, another);
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.text()).contains("already completed");
            expected.checkAll(http, AGENT);

            String metrics = http.get("/actuator/prometheus", ADMIN).text();
            assertThat(metrics).contains("ante_archive_games " + (double) completed.size())
                    .contains("ante_retention_runs_total{outcome=\"ok\"} 2.0");

            // A backup holds the archive; a platform started on it rebuilds every read model from both.
            Http.Response backup = http.post("/api/v1/admin/backup", ADMIN, "application/json", "");
            assertThat(backup.status()).as(backup.text()).isEqualTo(200);
            Path copy = Path.of(backup.json().get("path").asText());
            assertThat(copy.resolve("archive").resolve(file.getFileName())).isRegularFile();
            ChildPlatforms.stop(platform);
            platform = null;

            int restoredPort = ChildPlatforms.freePort();
            restored = start(restoredPort, copy);
            Http copyHttp = new Http(restoredPort);
            ChildPlatforms.awaitUp(copyHttp, restored);
            for (String gameId : posted.keySet()) {
                assertThat(events(copyHttp, gameId)).as(gameId).isEqualTo(before.get(gameId));
            }
            Http.Response replay = copyHttp.post("/api/v1/admin/projections/replay", ADMIN, "application/json", "");
            assertThat(replay.status()).as(replay.text()).isEqualTo(202);
            awaitReplayed(copyHttp, head);
            expected.checkAll(copyHttp, AGENT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- platform logs (last lines) ---\n"
                    + ChildPlatforms.tails(logs, 60), e);
        } finally {
            ChildPlatforms.stop(platform);
            ChildPlatforms.stop(restored);
        }
    }

    /** Starts a retention run, waits for it to finish, and answers it as the status reports it. */
    private static JsonNode retain(Http http, String olderThan) throws InterruptedException {
        Http.Response started = http.post("/api/v1/admin/retention?olderThan=" + olderThan, ADMIN, "application/json",
                "");
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String startedAt = started.json().get("startedAt").asText();
        for (int attempt = 0; attempt < 600; attempt++) {
            JsonNode last = http.get("/api/v1/admin/retention", ADMIN).json().get("lastRun");
            if (last != null && !last.isNull() && last.get("startedAt").asText().equals(startedAt)) {
                assertThat(last.get("finishedAt").isNull()).isFalse();
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the retention run started at " + startedAt + " never finished");
    }

    private static JsonNode events(Http http, String gameId) {
        Http.Response r = http.get("/api/v1/games/" + gameId + "/events?limit=1000", AGENT);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("items");
    }

    private static void awaitCaughtUp(Http http, long head) {
        for (String endpoint : List.of("/api/v1/games?limit=1", "/api/v1/synergies?limit=1",
                "/api/v1/strategies/leaderboard?limit=1", "/api/v1/strategies/winning-builds?limit=1",
                "/api/v1/stats/antes")) {
            Http.Response r = http.get(endpoint + (endpoint.contains("?") ? "&" : "?") + "minPosition=" + head, AGENT);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.headers().firstValue("Ante-Position-Not-Reached")).as(endpoint).isEmpty();
        }
    }

    private static void awaitReplayed(Http http, long head) throws InterruptedException {
        JsonNode items = null;
        for (int attempt = 0; attempt < 1200; attempt++) {
            items = http.get("/api/v1/projections", ADMIN).json().get("items");
            boolean done = true;
            for (JsonNode item : items) {
                done &= !item.get("replaying").asBoolean() && item.get("position").asLong() >= head;
            }
            if (done) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the replay never finished: " + items);
    }

    private Process start(int port, Path dataDir) throws IOException {
        Path log = work.resolve("app-" + logs.size() + ".log");
        logs.add(log);
        return ChildPlatforms.start(log, List.of("--server.port=" + port, "--ante.data-dir=" + dataDir,
                "--ante.questdb.mode=disabled", "--ante.security.agent-keys=" + AGENT,
                "--ante.security.admin-keys=" + ADMIN));
    }
}
