package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ante.projections.ProjectionNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A rebuild meets an event its read model cannot take and parks it, as the live processor does, instead of failing:
 * the rebuilt read model is swapped in without that game, the processor's dead letters become the ones the rebuild
 * parked, and a retry once the cause is gone completes the read model exactly. The poison is real: the summaries'
 * {@code agent_id} column narrowed below one game's agent id, a width the rebuild's shadow table copies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ante.security.agent-keys=agent-key", "ante.security.admin-keys=admin-key", "ante.questdb.mode=disabled"})
class RebuildDeadLetterIT {

    private static final Path DATA_DIR = DataDirs.fresh("ante-rebuild-dlq-");
    private static final String SUMMARIES = ProjectionNames.GAME_SUMMARIES;
    private static final String ADMIN = "admin-key";
    private static final String AGENT = "agent-key";

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ante.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void givenAnEventTheReadModelCannotTake_whenRebuilt_thenItIsParkedTheRestIsSwappedInAndARetryCompletesIt()
            throws Exception {
        Http http = new Http(port);
        List<RandomGames.Game> games = new ArrayList<>(RandomGames.generate("rebuild-dlq", 5, 23));
        // One game whose agent id is longer than the column will be.
        RandomGames.Game poisoned = withAgent(games.get(2), "an-agent-whose-name-is-far-too-long-for-it");
        games.set(2, poisoned);
        long position = 0;
        for (RandomGames.Game game : games.subList(0, 2)) {
            position = post(http, game);
        }
        ProjectionItems.awaitAll(http, ADMIN, position);

        jdbc.execute("ALTER TABLE game_summary ALTER COLUMN agent_id SET DATA TYPE VARCHAR(30)");
        try {
            for (RandomGames.Game game : games.subList(2, games.size())) {
                position = post(http, game);
            }
            ProjectionItems.awaitAll(http, ADMIN, position);
            int events = poisoned.events().size();
            assertThat(ProjectionItems.item(http, ADMIN, SUMMARIES).get("deadLetters").asLong())
                    .as("parked live").isEqualTo(events);

            Http.Response replay = http.post("/api/v1/admin/projections/" + SUMMARIES + "/replay", ADMIN,
                    "application/json", "");
            assertThat(replay.status()).as(replay.text()).isEqualTo(202);
            JsonNode done = awaitRebuilt(http, position);
            assertThat(done.get("error").isNull()).as(done.toString()).isTrue();

            // The rebuild parked the game again: its events, the first with the database's reason, in order.
            JsonNode letters = http.get("/api/v1/admin/dead-letters?processor=" + SUMMARIES, ADMIN).json()
                    .get("items");
            assertThat(letters).hasSize(events);
            assertThat(letters.get(0).get("cause").asText()).containsIgnoringCase("too long");
            for (int i = 0; i < letters.size(); i++) {
                assertThat(letters.get(i).get("aggregateId").asText()).isEqualTo("game-" + poisoned.gameId());
                assertThat(letters.get(i).get("revision").asLong()).isEqualTo(i);
            }
            assertThat(done.get("deadLetters").asLong()).isEqualTo(events);
            for (RandomGames.Game game : games) {
                assertThat(ProjectionItems.summary(http, "agent-key", game.gameId())).as(game.gameId())
                        .matches(s -> game == poisoned ? s == null : s != null);
            }
        } finally {
            jdbc.execute("ALTER TABLE game_summary ALTER COLUMN agent_id SET DATA TYPE VARCHAR(256)");
        }

        Http.Response retried = http.post("/api/v1/admin/dead-letters/" + SUMMARIES + "/retry", ADMIN,
                "application/json", "");
        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        assertThat(retried.json().get("sequencesCleared").asInt()).isEqualTo(1);
        assertThat(http.get("/api/v1/admin/dead-letters", ADMIN).json().get("items")).isEmpty();

        Map<String, List<JsonNode>> stored = new LinkedHashMap<>();
        for (RandomGames.Game game : games) {
            List<JsonNode> events = new ArrayList<>();
            http.get("/api/v1/games/" + game.gameId() + "/events?limit=1000", AGENT).json().get("items")
                    .forEach(events::add);
            stored.put(game.gameId(), events);
        }
        new ExpectedReadModels(stored, Map.of()).checkAll(http, AGENT);
    }

    private static RandomGames.Game withAgent(RandomGames.Game game, String agentId) {
        List<Map<String, Object>> events = new ArrayList<>(game.events());
        Map<String, Object> started = new HashMap<>(events.get(0));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = new HashMap<>((Map<String, Object>) started.get("data"));
        data.put("agentId", agentId);
        started.put("data", data);
        events.set(0, started);
        return new RandomGames.Game(game.gameId(), events);
    }

    private static long post(Http http, RandomGames.Game game) {
        Http.Response r = http.postJson("/api/v1/games/" + game.gameId() + "/events", AGENT, game.events());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("position").asLong();
    }

    private static JsonNode awaitRebuilt(Http http, long position) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode item = ProjectionItems.item(http, ADMIN, SUMMARIES);
        while (item.get("replaying").asBoolean() || item.get("position").asLong() < position) {
            assertThat(System.nanoTime()).as("the rebuild did not finish: " + item).isLessThan(deadline);
            Thread.sleep(50);
            item = ProjectionItems.item(http, ADMIN, SUMMARIES);
        }
        return item;
    }

}
