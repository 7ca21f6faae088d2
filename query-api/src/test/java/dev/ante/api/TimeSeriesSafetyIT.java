package dev.ante.api;

import static dev.ante.api.Games.data;
import static dev.ante.api.Games.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ante.api.timeseries.EmbeddedQuestDb;
import dev.ante.api.timeseries.QuestDbCredentials;
import dev.ante.domain.ExpectedRevision;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.StreamStore;
import dev.ante.projections.timeseries.GameSeriesProjection;
import dev.ante.projections.timeseries.QuestDb;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 * The embedded QuestDB cannot be written, dropped or read without the credentials Ante generated; an
 * event QuestDB would refuse is parked while the rest flows; a dropped or altered table is reported by
 * health and rebuilt by a replay, which reports {@code replaying: false} once it has caught up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ante.security.agent-keys=agent-key", "ante.security.researcher-keys=researcher-key",
        "ante.security.admin-keys=admin-key", "ante.questdb.mode=embedded", "ante.questdb.http-port=0",
        "ante.questdb.pg-port=0"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TimeSeriesSafetyIT {

    private static final Path DATA_DIR = DataDirs.fresh("ante-tssafety-");

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

    @Autowired
    StreamStore store;

    // HTTP/1.1: QuestDB does not answer the h2c upgrade a request with a body would otherwise attempt.
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static long lastPosition;

    private static List<Map<String, Object>> game(String handType) {
        Instant at = Instant.parse("2026-11-22T12:00:00Z");
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(envelope(UUID.randomUUID(), "GameStarted", at, data("agentId", "agent-1", "strategyId", "s-1",
                "seed", "S", "deck", "Red Deck", "stake", "White", "startingMoney", 4)));
        events.add(envelope(UUID.randomUUID(), "HandPlayed", at.plusMillis(1), data("ante", 1, "blindType", "SMALL",
                "handNumber", 1, "cards", List.of("AH", "AS"), "handType", handType, "jokers", List.of("Joker"),
                "baseChips", 10, "baseMult", 2.0, "finalChips", 10, "finalMult", 2.0, "finalScore", 20)));
        events.add(envelope(UUID.randomUUID(), "GameCompleted", at.plusMillis(2), data("outcome", "WIN",
                "finalAnte", 1, "finalMoney", 4, "bestHandScore", 20, "jokers", List.of("Joker"))));
        return events;
    }

    private void post(Http http, String gameId) {
        Http.Response r = http.postJson("/api/v1/games/" + gameId + "/events", "agent-key", game("Pair"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        lastPosition = Math.max(lastPosition, r.json().get("position").asLong());
    }

    private HttpResponse<String> questDbHttp(String path, String method, String body, String user, String password)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Connection pg(int port, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/qdb", props);
    }

    private JsonNode projection(Http http, String name) {
        for (JsonNode item : http.get("/api/v1/projections", "admin-key").json().get("items")) {
            if (item.get("name").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no projection " + name);
    }

    /** Waits until the processor has caught up with {@code position} and says it is not replaying. */
    private JsonNode awaitCaughtUp(Http http, String name, long position) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode item = projection(http, name);
        while (System.nanoTime() < deadline) {
            item = projection(http, name);
            if (item.get("position").asLong() >= position && !item.get("replaying").asBoolean()) {
                return item;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " did not catch up with " + position + ": " + item);
    }

    private JsonNode health(Http http) {
        return http.get("/actuator/health", "admin-key").json();
    }

    @Test
    @Order(1)
    void givenAFreshDataDir_whenStarted_thenSecretsAndEventsAreTheOwnersAlone() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA_DIR))).isEqualTo("rwx------");
        for (String file : List.of(QuestDbCredentials.FILE_NAME, "events.db")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA_DIR.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
        QuestDbCredentials credentials = QuestDbCredentials.loadOrGenerate(DATA_DIR.resolve(QuestDbCredentials.FILE_NAME));
        assertThat(credentials.adminPassword()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo("quest");
        assertThat(credentials.readOnlyPassword()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo("quest");
    }

    @Test
    @Order(2)
    void givenAnyoneOnTheMachine_whenReachingQuestDbWithoutAntesCredentials_thenNothingIsReadWrittenOrDropped()
            throws Exception {
        Http http = new Http(port);
        post(http, "locked-1");
        awaitCaughtUp(http, GameSeriesProjection.NAME, lastPosition);
        long outcomes = questDb.count("game_outcomes", Duration.ofSeconds(10));

        String drop = "/exec?query=" + java.net.URLEncoder.encode("DROP TABLE game_metrics", StandardCharsets.UTF_8);
        assertThat(questDbHttp(drop, "GET", null, null, null).statusCode()).isEqualTo(401);
        assertThat(questDbHttp(drop, "GET", null, "admin", "quest").statusCode()).isEqualTo(401);
        String forged = "game_outcomes,outcome=WIN game_id=\"forged\",seq=0i " + System.currentTimeMillis() * 1_000_000L
                + "\n";
        assertThat(questDbHttp("/write", "POST", forged, null, null).statusCode()).isEqualTo(401);
        assertThat(questDbHttp("/write", "POST", forged, "admin", "quest").statusCode()).isEqualTo(401);
        // The web console's page itself is static; every query it sends goes to /exec, refused above.

        assertThatThrownBy(() -> pg(server.pgPort(), "admin", "quest").close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> pg(server.pgPort(), "user", "quest").close()).isInstanceOf(SQLException.class);
        QuestDbCredentials credentials = QuestDbCredentials.loadOrGenerate(DATA_DIR.resolve(QuestDbCredentials.FILE_NAME));
        try (Connection reader = pg(server.pgPort(), credentials.readOnlyUser(), credentials.readOnlyPassword());
             Statement st = reader.createStatement()) {
            assertThatThrownBy(() -> st.execute("DROP TABLE game_metrics")).isInstanceOf(SQLException.class);
            try (ResultSet rs = st.executeQuery("SELECT count() FROM game_outcomes")) {
                assertThat(rs.next()).isTrue();
            }
        }

        assertThat(questDb.schemaProblems()).isEmpty();
        assertThat(questDb.count("game_outcomes", Duration.ofSeconds(10))).isEqualTo(outcomes);
        assertThat(health(http).get("components").get("questdb").get("status").asText()).isEqualTo("UP");
    }

    @Test
    @Order(3)
    void givenAStoredEventQuestDbWouldRefuse_whenProjected_thenItIsParkedAndOtherGamesFlow() throws Exception {
        Http http = new Http(port);
        // Stored as an older platform accepted it, before catalog strings refused control characters.
        String at = "\"occurredAt\":\"2026-11-22T13:00:00Z\"";
        store.append("game-poisoned", ExpectedRevision.noStream(), List.of(
                raw("GameStarted", "{\"agentId\":\"agent-1\",\"strategyId\":\"s-1\",\"seed\":\"S\",\"deck\":\"Red Deck\","
                        + "\"stake\":\"White\",\"startingMoney\":4}", at),
                raw("HandPlayed", "{\"ante\":1,\"blindType\":\"SMALL\",\"handNumber\":1,\"cards\":[\"AS\"],"
                        + "\"handType\":\"Pair\\u0000evil\",\"jokers\":[\"Joker\"],\"baseChips\":10,\"baseMult\":2.0,"
                        + "\"finalChips\":10,\"finalMult\":2.0,\"finalScore\":20}", at),
                raw("GameCompleted", "{\"outcome\":\"LOSS\",\"finalAnte\":1,\"finalMoney\":4,\"bestHandScore\":20,"
                        + "\"jokers\":[\"Joker\"]}", at)));
        long metricsBefore = questDb.count("game_metrics", Duration.ofSeconds(10));
        post(http, "after-poison");

        JsonNode item = awaitCaughtUp(http, GameSeriesProjection.NAME, lastPosition);
        // The refused hand and, behind it in its stream, the game's end are parked; nothing else.
        assertThat(item.get("deadLetters").asLong()).as(item.toString()).isEqualTo(2);
        assertThat(item.get("error").isNull()).as(item.toString()).isTrue();
        assertThat(questDb.count("game_metrics", Duration.ofSeconds(10))).isEqualTo(metricsBefore + 1);
        try (Connection c = questDb.admin(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count() FROM game_metrics WHERE game_id = 'poisoned'")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
        JsonNode health = health(http);
        assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.get("components").get("projections").get("details").get(GameSeriesProjection.NAME)
                .get("deadLetters").asLong()).isEqualTo(2);
        assertThat(http.get("/actuator/health", null).status()).as("DEGRADED still answers 200").isEqualTo(200);
    }

    @Test
    @Order(4)
    void givenADroppedAndAnAlteredTable_whenHealthIsAsked_thenItSaysSo_andAReplayRebuildsThemExactly()
            throws Exception {
        Http http = new Http(port);
        long metrics = questDb.count("game_metrics", Duration.ofSeconds(10));
        long outcomes = questDb.count("game_outcomes", Duration.ofSeconds(10));
        try (Connection c = questDb.admin(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE game_metrics");
            st.execute("ALTER TABLE game_outcomes DEDUP DISABLE");
        }
        // QuestDB applies the DEDUP change through its WAL, a moment after the statement returns.
        JsonNode questdb = health(http).get("components").get("questdb");
        for (int attempt = 0; attempt < 100 && !questdb.get("details").get("tables").toString()
                .contains("game_outcomes has no DEDUP keys"); attempt++) {
            Thread.sleep(100);
            questdb = health(http).get("components").get("questdb");
        }
        assertThat(questdb.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(questdb.get("details").get("tables").toString()).contains("game_metrics is missing")
                .contains("game_outcomes has no DEDUP keys");

        Http.Response replay = http.post("/api/v1/admin/projections/" + GameSeriesProjection.NAME + "/replay",
                "admin-key", "application/json", "");
        assertThat(replay.status()).as(replay.text()).isEqualTo(202);
        assertThat(replay.json().get("replaying").asBoolean()).isTrue();
        JsonNode item = awaitCaughtUp(http, GameSeriesProjection.NAME, lastPosition);

        assertThat(item.get("replaying").asBoolean()).isFalse();
        assertThat(questDb.schemaProblems()).isEmpty();
        assertThat(health(http).get("components").get("questdb").get("status").asText()).isEqualTo("UP");
        assertThat(questDb.count("game_metrics", Duration.ofSeconds(10))).isEqualTo(metrics);
        assertThat(questDb.count("game_outcomes", Duration.ofSeconds(10))).isEqualTo(outcomes);
        // Rebuilt from the log, the poisoned game's refused events are parked again, and only those.
        assertThat(item.get("deadLetters").asLong()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void givenParkedEvents_whenAnAdminListsRetriesAndDiscards_thenTheRestOfTheStreamIsWrittenAndNothingIsParked()
            throws Exception {
        Http http = new Http(port);
        Http.Response listed = http.get("/api/v1/admin/dead-letters", "admin-key");
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        JsonNode items = listed.json().get("items");
        assertThat(items).hasSize(2);
        JsonNode hand = items.get(0);
        assertThat(hand.get("processor").asText()).isEqualTo(GameSeriesProjection.NAME);
        assertThat(hand.get("type").asText()).isEqualTo("HandPlayed");
        assertThat(hand.get("index").asLong()).isZero();
        assertThat(hand.get("cause").asText()).contains("control character");
        assertThat(items.get(1).get("type").asText()).isEqualTo("GameCompleted");
        assertThat(items.get(1).get("sequence").asText()).isEqualTo(hand.get("sequence").asText());
        assertThat(http.get("/api/v1/admin/dead-letters", "agent-key").status()).isEqualTo(403);
        assertThat(http.get("/api/v1/admin/dead-letters?processor=no-such-processor", "admin-key").status()).isEqualTo(404);

        // The hand fails again on a retry: both stay parked.
        Http.Response retried = http.post("/api/v1/admin/dead-letters/" + GameSeriesProjection.NAME + "/retry",
                "admin-key", "application/json", "");
        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        assertThat(retried.json().get("sequencesRetried").asInt()).isEqualTo(1);
        assertThat(retried.json().get("sequencesCleared").asInt()).isZero();
        assertThat(retried.json().get("stillParked").asLong()).isEqualTo(2);

        // Giving up the hand lets the game's end through.
        String sequence = hand.get("sequence").asText();
        Http.Response discarded = http.post("/api/v1/admin/dead-letters/" + GameSeriesProjection.NAME
                + "/discard?sequence=" + java.net.URLEncoder.encode(sequence, StandardCharsets.UTF_8),
                "admin-key", "application/json", "");
        assertThat(discarded.status()).as(discarded.text()).isEqualTo(200);
        assertThat(discarded.json().get("discarded").asInt()).isEqualTo(1);
        assertThat(discarded.json().get("sequencesCleared").asInt()).isEqualTo(1);
        assertThat(discarded.json().get("stillParked").asLong()).isZero();
        questDb.awaitApplied(List.of("game_outcomes"), Duration.ofSeconds(10));
        try (Connection c = questDb.admin(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count() FROM game_outcomes WHERE game_id = 'poisoned'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }
        assertThat(http.get("/api/v1/admin/dead-letters", "admin-key").json().get("items")).isEmpty();
        JsonNode item = awaitCaughtUp(http, GameSeriesProjection.NAME, lastPosition);
        assertThat(item.get("deadLetters").asLong()).isZero();
        assertThat(health(http).get("status").asText()).isEqualTo("UP");
        assertThat(http.post("/api/v1/admin/dead-letters/" + GameSeriesProjection.NAME + "/discard?sequence=nothing",
                "admin-key", "application/json", "").status()).isEqualTo(404);
    }

    private static NewEvent raw(String type, String data, String occurredAt) {
        UUID id = UUID.randomUUID();
        String metadata = "{\"eventId\":\"" + id + "\"," + occurredAt + "}";
        return new NewEvent(id, type, data.getBytes(StandardCharsets.UTF_8), metadata.getBytes(StandardCharsets.UTF_8));
    }
}
