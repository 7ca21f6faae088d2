package dev.ante.api;

import static dev.ante.api.Games.data;
import static dev.ante.api.Games.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ante.api.timeseries.EmbeddedQuestDb;
import dev.ante.projections.timeseries.GameSeriesProjection;
import dev.ante.projections.timeseries.LearningSeriesProjection;
import dev.ante.projections.timeseries.QuestDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The time series against the real embedded QuestDB: exact row counts per table, unchanged by an ADMIN
 * replay and by a QuestDB outage in the middle of the stream; read-only SQL for researchers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ante.security.agent-keys=agent-key", "ante.security.researcher-keys=researcher-key",
        "ante.security.admin-keys=admin-key", "ante.questdb.mode=embedded", "ante.questdb.http-port=0",
        "ante.questdb.pg-port=0"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuestDbIT {

    private static final Path DATA_DIR = DataDirs.fresh("ante-questdb-");
    private static final int HANDS_PER_GAME = 3;
    private static final int EFFECTS_PER_HAND = 2;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ante.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    QuestDb questDb;

    @Autowired
    EmbeddedQuestDb server;

    private static int games;
    private static int metrics;
    private static long lastPosition;

    /** A game touching every table: 3 hands with 2 joker effects each, a decision, 5 money movements. */
    static List<Map<String, Object>> richGame(int n) {
        Instant at = Instant.parse("2026-11-22T12:00:00Z").plusSeconds(60L * n);
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(envelope(UUID.randomUUID(), "GameStarted", at, data("agentId", "agent-" + (n % 2), "strategyId",
                "s-" + (n % 3), "seed", "S" + n, "deck", "Red Deck", "stake", "White", "startingMoney", 4)));
        events.add(envelope(UUID.randomUUID(), "BlindSelected", at.plusMillis(1), data("ante", 1, "blindType", "SMALL",
                "blindName", "Small Blind", "chipsRequired", 300)));
        events.add(envelope(UUID.randomUUID(), "DecisionMade", at.plusMillis(2), data("ante", 1, "phase", "PLAYING",
                "decisionType", "play", "optionsAvailable", List.of("play", "discard"), "optionSelected", "play",
                "confidence", 0.8, "usedLlm", false, "timeToDecisionMs", 40)));
        for (int h = 1; h <= HANDS_PER_GAME; h++) {
            events.add(envelope(UUID.randomUUID(), "HandPlayed", at.plusMillis(2 + h), data("ante", 1, "blindType",
                    "SMALL", "handNumber", h, "cards", List.of("AH", "AS"), "handType", "Pair", "jokers",
                    List.of("Joker", "Baron"), "baseChips", 10, "baseMult", 2.0, "jokerEffects", List.of(
                            Map.of("joker", "Joker", "effect", "+mult", "value", 4.0),
                            Map.of("joker", "Baron", "effect", "xmult", "value", 1.5)),
                    "finalChips", 32, "finalMult", 9.0, "finalScore", 288L * h, "moneyBefore", 4, "moneyAfter", 4)));
        }
        events.add(envelope(UUID.randomUUID(), "BlindDefeated", at.plusMillis(10), data("ante", 1, "blindType", "SMALL",
                "score", 864, "reward", 4, "moneyAfter", 8)));
        events.add(envelope(UUID.randomUUID(), "ShopEntered", at.plusMillis(11), data("ante", 1, "money", 8,
                "items", List.of(Map.of("slot", 0, "itemType", "JOKER", "name", "Mime", "cost", 5)), "rerollCost", 5)));
        events.add(envelope(UUID.randomUUID(), "ShopRerolled", at.plusMillis(12), data("ante", 1, "cost", 1,
                "moneyAfter", 7)));
        events.add(envelope(UUID.randomUUID(), "ItemPurchased", at.plusMillis(13), data("ante", 1, "itemType", "JOKER",
                "name", "Mime", "cost", 5, "moneyAfter", 2)));
        events.add(envelope(UUID.randomUUID(), "JokerSold", at.plusMillis(14), data("ante", 1, "name", "Joker",
                "sellValue", 2, "moneyAfter", 4)));
        events.add(envelope(UUID.randomUUID(), "GameCompleted", at.plusMillis(15), data("outcome", n % 2 == 0 ? "WIN" : "LOSS",
                "finalAnte", 1, "finalMoney", 4, "bestHandScore", 864, "jokers", List.of("Baron", "Mime"))));
        return events;
    }

    private void postGames(Http http, int count) {
        for (int i = 0; i < count; i++) {
            int n = games++;
            Http.Response r = http.postJson("/api/v1/games/qdb-" + n + "/events", "agent-key", richGame(n));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            lastPosition = Math.max(lastPosition, r.json().get("position").asLong());
        }
    }

    private void postMetrics(Http http, int count) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int step = metrics++;
            batch.add(envelope(UUID.randomUUID(), "MetricRecorded", Instant.parse("2026-11-22T12:00:00Z").plusSeconds(step),
                    data("step", step, "name", "loss", "value", 1.0 / (step + 1), "strategyId", "s-0")));
        }
        Http.Response r = http.postJson("/api/v1/learning/run-1/metrics", "agent-key", batch);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        lastPosition = Math.max(lastPosition, r.json().get("position").asLong());
    }

    private void awaitTimeSeries(Http http) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Http.Response r = http.get("/api/v1/projections", "admin-key");
            boolean caughtUp = true;
            for (JsonNode item : r.json().get("items")) {
                String name = item.get("name").asText();
                if ((name.equals(GameSeriesProjection.NAME) || name.equals(LearningSeriesProjection.NAME))
                        && item.get("position").asLong() < lastPosition) {
                    caughtUp = false;
                }
            }
            if (caughtUp) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the QuestDB processors did not reach position " + lastPosition);
    }

    private void assertExactCounts() throws Exception {
        Duration wait = Duration.ofSeconds(20);
        assertThat(questDb.count("game_metrics", wait)).isEqualTo((long) games * HANDS_PER_GAME);
        assertThat(questDb.count("joker_synergies", wait)).isEqualTo((long) games * HANDS_PER_GAME * EFFECTS_PER_HAND);
        assertThat(questDb.count("decision_points", wait)).isEqualTo(games);
        assertThat(questDb.count("economic_flow", wait)).isEqualTo(games * 5L);
        assertThat(questDb.count("game_outcomes", wait)).isEqualTo(games);
        assertThat(questDb.count("learning_metrics", wait)).isEqualTo(metrics);
    }

    @Test
    @Order(1)
    void givenSimulatedTraffic_whenProjected_thenEveryTableHoldsExactlyOneRowPerFeedingEvent() throws Exception {
        Http http = new Http(port);
        postGames(http, 20);
        postMetrics(http, 50);
        awaitTimeSeries(http);
        assertExactCounts();
    }

    /**
     * Every kind of column (symbols, varchar, int, long, double, boolean, the timestamp) holds the event's own
     * value: the embedded mode writes rows straight into the tables' WAL, without ILP's conversions.
     */
    @Test
    @Order(2)
    void givenOneGame_whenProjected_thenEveryColumnHoldsTheEventsValue() throws Exception {
        Http http = new Http(port);
        awaitTimeSeries(http);
        questDb.awaitApplied(List.of("game_metrics", "decision_points", "economic_flow", "game_outcomes"),
                Duration.ofSeconds(20));
        assertRowValues(questDb, "qdb-1");
    }

    /** The rows of {@code richGame(1)} posted as {@code gameId}: every kind of column holds the event's value. */
    static void assertRowValues(QuestDb questDb, String gameId) throws java.sql.SQLException {
        try (java.sql.Connection c = questDb.readOnly(); java.sql.Statement st = c.createStatement()) {
            java.sql.ResultSet hand = st.executeQuery("SELECT ts, game_id, seq, agent_id, strategy_id, deck, stake, ante, "
                    + "blind_type, hand_number, hand_type, base_chips, base_mult, final_chips, final_mult, final_score, "
                    + "money_before, money_after, jokers_active, jokers FROM game_metrics WHERE game_id = '" + gameId + "' "
                    + "ORDER BY seq");
            assertThat(hand.next()).isTrue();
            assertThat(hand.getTimestamp("ts").toInstant()).isEqualTo(Instant.parse("2026-11-22T12:01:00.003Z"));
            assertThat(hand.getString("game_id")).isEqualTo(gameId);
            assertThat(hand.getLong("seq")).isEqualTo(3);
            assertThat(hand.getString("agent_id")).isEqualTo("agent-1");
            assertThat(hand.getString("strategy_id")).isEqualTo("s-1");
            assertThat(hand.getString("deck")).isEqualTo("Red Deck");
            assertThat(hand.getString("stake")).isEqualTo("White");
            assertThat(hand.getInt("ante")).isEqualTo(1);
            assertThat(hand.getString("blind_type")).isEqualTo("SMALL");
            assertThat(hand.getInt("hand_number")).isEqualTo(1);
            assertThat(hand.getString("hand_type")).isEqualTo("Pair");
            assertThat(hand.getLong("base_chips")).isEqualTo(10);
            assertThat(hand.getDouble("base_mult")).isEqualTo(2.0);
            assertThat(hand.getLong("final_chips")).isEqualTo(32);
            assertThat(hand.getDouble("final_mult")).isEqualTo(9.0);
            assertThat(hand.getLong("final_score")).isEqualTo(288);
            assertThat(hand.getInt("money_before")).isEqualTo(4);
            assertThat(hand.getInt("money_after")).isEqualTo(4);
            assertThat(hand.getInt("jokers_active")).isEqualTo(2);
            assertThat(hand.getString("jokers")).isEqualTo("Joker+Baron");
            java.sql.ResultSet decision = st.executeQuery("SELECT phase, decision_type, options_available, "
                    + "option_selected, confidence, used_llm, time_to_decision_ms FROM decision_points "
                    + "WHERE game_id = '" + gameId + "'");
            assertThat(decision.next()).isTrue();
            assertThat(decision.getString("phase")).isEqualTo("PLAYING");
            assertThat(decision.getString("option_selected")).isEqualTo("play");
            assertThat(decision.getDouble("confidence")).isEqualTo(0.8);
            assertThat(decision.getBoolean("used_llm")).isFalse();
            assertThat(decision.getInt("time_to_decision_ms")).isEqualTo(40);
            java.sql.ResultSet outcome = st.executeQuery("SELECT outcome, final_ante, final_money, best_hand_score, "
                    + "jokers FROM game_outcomes WHERE game_id = '" + gameId + "'");
            assertThat(outcome.next()).isTrue();
            assertThat(outcome.getString("outcome")).isEqualTo("LOSS");
            assertThat(outcome.getLong("best_hand_score")).isEqualTo(864);
            assertThat(outcome.getString("jokers")).isEqualTo("Baron+Mime");
            java.sql.ResultSet money = st.executeQuery("SELECT kind, amount, money_after, item FROM economic_flow "
                    + "WHERE game_id = '" + gameId + "' AND kind = 'PURCHASE'");
            assertThat(money.next()).isTrue();
            assertThat(money.getLong("amount")).isEqualTo(-5);
            assertThat(money.getLong("money_after")).isEqualTo(2);
            assertThat(money.getString("item")).isEqualTo("Mime");
        }
    }

    @Test
    @Order(3)
    void givenAnAdminReplay_whenRebuilt_thenTheCountsAreUnchanged() throws Exception {
        Http http = new Http(port);
        for (String name : List.of(GameSeriesProjection.NAME, LearningSeriesProjection.NAME)) {
            Http.Response r = http.post("/api/v1/admin/projections/" + name + "/replay", "admin-key", "application/json", "");
            assertThat(r.status()).as(r.text()).isEqualTo(202);
        }
        Thread.sleep(100);
        awaitTimeSeries(http);
        assertExactCounts();

        // Everything at once: one pass over the log rebuilds the read models beside the live ones and the time
        // series in place; every processor says it is replaying until it is done.
        Http.Response all = http.post("/api/v1/admin/projections/replay", "admin-key", "application/json", "");
        assertThat(all.status()).as(all.text()).isEqualTo(202);
        for (JsonNode item : all.json().get("items")) {
            assertThat(item.get("replaying").asBoolean()).as(item.toString()).isTrue();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> busy = List.of("(not asked)");
        while (!busy.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            List<String> now = new java.util.ArrayList<>();
            for (JsonNode item : http.get("/api/v1/projections", "admin-key").json().get("items")) {
                if (item.get("replaying").asBoolean() || item.get("position").asLong() < lastPosition) {
                    now.add(item.get("name").asText());
                }
            }
            busy = now;
        }
        assertThat(busy).as("processors still replaying").isEmpty();
        assertExactCounts();
    }

    @Test
    @Order(4)
    void givenQuestDbStopsMidStream_whenItComesBack_thenNothingIsLostOrDoubled() throws Exception {
        Http http = new Http(port);
        postGames(http, 5);
        server.stop();
        try {
            postGames(http, 10);
            postMetrics(http, 20);
            JsonNode health = http.get("/actuator/health", "admin-key").json();
            assertThat(health.get("components").get("questdb").get("status").asText()).isEqualTo("DOWN");
            assertThat(health.get("components").get("eventStore").get("status").asText()).isEqualTo("UP");
        } finally {
            server.start();
        }
        postGames(http, 5);
        awaitTimeSeries(http);
        assertExactCounts();
        JsonNode health = http.get("/actuator/health", "admin-key").json();
        assertThat(health.get("components").get("questdb").get("status").asText()).isEqualTo("UP");
    }

    @Test
    @Order(5)
    void givenAResearcher_whenQueryingSql_thenRowsComeBackWithColumnsAndLimits() throws Exception {
        Http http = new Http(port);
        Http.Response r = http.postJson("/api/v1/sql", "researcher-key", Map.of(
                "query", "SELECT hand_type, count() n, sum(final_score) total FROM game_metrics GROUP BY hand_type",
                "limit", 10));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("columns").get(0).get("name").asText()).isEqualTo("hand_type");
        assertThat(r.json().get("rows").get(0).get(0).asText()).isEqualTo("Pair");
        assertThat(r.json().get("rows").get(0).get(1).asLong()).isEqualTo((long) games * HANDS_PER_GAME);
        assertThat(r.json().get("truncated").asBoolean()).isFalse();

        Http.Response limited = http.postJson("/api/v1/sql", "researcher-key", Map.of(
                "query", "SELECT ts, game_id, seq FROM game_metrics", "limit", 3));
        assertThat(limited.json().get("rows")).hasSize(3);
        assertThat(limited.json().get("truncated").asBoolean()).isTrue();
        assertThat(limited.json().get("rows").get(0).get(0).asText()).endsWith("Z");
    }

    @Test
    @Order(6)
    void givenWritesOrSchemaChanges_whenSentAsSql_thenRefusedAndNothingChanges() throws Exception {
        Http http = new Http(port);
        long before = questDb.count("game_metrics", Duration.ofSeconds(5));
        Map<String, Integer> refused = new LinkedHashMap<>();
        refused.put("DROP TABLE game_metrics", 403);
        refused.put("INSERT INTO game_metrics (ts, game_id, seq) VALUES (now(), 'x', 1)", 403);
        refused.put("TRUNCATE TABLE game_metrics", 403);
        refused.put("ALTER TABLE game_metrics ADD COLUMN x INT", 403);
        refused.put("SELECT 1; DROP TABLE game_metrics", 400);
        refused.put("select count() from game_metrics; truncate table game_metrics;", 400);
        refused.put("  drop table game_metrics", 403);
        refused.put("/* hidden */ DELETE FROM game_metrics", 403);
        refused.put("VACUUM TABLE game_metrics", 403);
        refused.put("SELECT * FROM no_such_table", 403);
        refused.put("SELECT * FROM game_metrics WHERE no_such_column = 1", 400);
        for (Map.Entry<String, Integer> q : refused.entrySet()) {
            Http.Response r = http.postJson("/api/v1/sql", "researcher-key", Map.of("query", q.getKey()));
            assertThat(r.status()).as(q.getKey() + ": " + r.text()).isEqualTo(q.getValue());
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("errors").get(0).get("message").asText()).as(q.getKey()).isNotBlank();
        }
        assertThat(http.postJson("/api/v1/sql", "researcher-key", Map.of("limit", 5)).status()).isEqualTo(400);
        assertThat(http.postJson("/api/v1/sql", "researcher-key", Map.of("query", "SELECT 1", "limit", 0)).status())
                .isEqualTo(400);
        assertThat(http.postJson("/api/v1/sql", null, Map.of("query", "SELECT 1")).status()).isEqualTo(401);
        assertThat(questDb.count("game_metrics", Duration.ofSeconds(5))).isEqualTo(before);
        assertThat(questDb.count("learning_metrics", Duration.ofSeconds(5))).isEqualTo(metrics);
    }
}
