package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ante.projections.ProjectionNames;
import dev.ante.projections.summary.GameSummaryProjection;
import dev.ante.projections.support.ReadModelBatch;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * A read model that cannot write one game parks that game's events and goes on with every other game; once the
 * cause is removed, retrying the parked events completes the read model exactly. The poison is real: a check
 * constraint on the game-summary table that refuses one game id, so only the summaries' batch write fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ante.security.agent-keys=agent-key", "ante.security.admin-keys=admin-key", "ante.questdb.mode=disabled"})
class ReadModelDeadLetterIT {

    private static final Path DATA_DIR = DataDirs.fresh("ante-rmdlq-");
    private static final String SUMMARIES = ProjectionNames.GAME_SUMMARIES;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ante.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    GameSummaryProjection summaries;

    private final Map<String, List<JsonNode>> stored = new LinkedHashMap<>();

    private long post(Http http, RandomGames.Game game) {
        Http.Response r = http.postJson("/api/v1/games/" + game.gameId() + "/events", "agent-key", game.events());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("position").asLong();
    }

    private void remember(Http http, RandomGames.Game game) {
        List<JsonNode> events = new ArrayList<>();
        http.get("/api/v1/games/" + game.gameId() + "/events?limit=1000", "agent-key").json().get("items")
                .forEach(events::add);
        stored.put(game.gameId(), events);
    }

    @Test
    void givenAGameTheSummariesCannotWrite_whenPosted_thenItIsParkedTheRestFlowsAndARetryCompletesIt()
            throws Exception {
        Http http = new Http(port);
        List<RandomGames.Game> games = RandomGames.generate("dlq", 6, 16);
        long position = post(http, games.get(0));
        ProjectionItems.awaitAll(http, "admin-key", position);

        RandomGames.Game poisoned = games.get(1);
        jdbc.execute("ALTER TABLE game_summary ADD CONSTRAINT refuse_one_game CHECK (game_id <> '"
                + poisoned.gameId() + "')");
        try {
            for (RandomGames.Game game : games.subList(1, games.size())) {
                position = post(http, game);
            }
            ProjectionItems.awaitAll(http, "admin-key", position);
            assertThat(ReadModelBatch.isIsolating(summaries)).as("back to batches after the isolated one").isFalse();

            // Parked: the poisoned game's events, the first with the constraint's failure; nothing else.
            JsonNode letters = http.get("/api/v1/admin/dead-letters?processor=" + SUMMARIES, "admin-key").json()
                    .get("items");
            assertThat(letters).hasSize(poisoned.events().size());
            assertThat(letters.get(0).get("aggregateId").asText()).isEqualTo("game-" + poisoned.gameId());
            assertThat(letters.get(0).get("cause").asText()).containsIgnoringCase("refuse_one_game");
            for (JsonNode letter : letters) {
                assertThat(letter.get("aggregateId").asText()).isEqualTo("game-" + poisoned.gameId());
            }
            assertThat(ProjectionItems.item(http, "admin-key", SUMMARIES).get("deadLetters").asLong())
                    .isEqualTo(poisoned.events().size());
            JsonNode health = http.get("/actuator/health", "admin-key").json();
            assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
            assertThat(health.get("components").get("projections").get("details").get(SUMMARIES)
                    .get("deadLetters").asLong()).isEqualTo(poisoned.events().size());

            // Every other game is summarised, the poisoned one is not; the other read models counted it.
            for (RandomGames.Game game : games) {
                assertThat(ProjectionItems.summary(http, "agent-key", game.gameId())).as(game.gameId())
                        .matches(s -> game == poisoned ? s == null : s != null);
            }
            for (String other : ProjectionNames.ALL) {
                if (!other.equals(SUMMARIES)) {
                    assertThat(ProjectionItems.item(http, "admin-key", other).get("deadLetters").asLong())
                            .as(other).isZero();
                }
            }

            // Retrying while the cause is still there parks the events again, as they were.
            Http.Response again = http.post("/api/v1/admin/dead-letters/" + SUMMARIES + "/retry", "admin-key",
                    "application/json", "");
            assertThat(again.status()).as(again.text()).isEqualTo(200);
            assertThat(again.json().get("sequencesCleared").asInt()).isZero();
            assertThat(ProjectionItems.item(http, "admin-key", SUMMARIES).get("deadLetters").asLong())
                    .isEqualTo(poisoned.events().size());
            assertThat(ProjectionItems.summary(http, "agent-key", poisoned.gameId())).isNull();
        } finally {
            jdbc.execute("ALTER TABLE game_summary DROP CONSTRAINT IF EXISTS refuse_one_game");
        }

        Http.Response retried = http.post("/api/v1/admin/dead-letters/" + SUMMARIES + "/retry", "admin-key",
                "application/json", "");
        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        assertThat(retried.json().get("sequencesCleared").asInt()).isEqualTo(1);
        assertThat(http.get("/api/v1/admin/dead-letters", "admin-key").json().get("items")).isEmpty();
        assertThat(http.get("/actuator/health", "admin-key").json().get("status").asText()).isEqualTo("UP");

        // After the retry and a batch written as usual, every read model matches a hand computation.
        RandomGames.Game later = RandomGames.generate("dlq-later", 1, 17).get(0);
        ProjectionItems.awaitAll(http, "admin-key", post(http, later));
        for (RandomGames.Game game : games) {
            remember(http, game);
        }
        remember(http, later);
        new ExpectedReadModels(stored, Map.of()).checkAll(http, "agent-key");
    }
}
