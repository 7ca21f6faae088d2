package dev.ante.api;

import static dev.ante.api.Games.data;
import static dev.ante.api.Games.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ante.infra.axon.PayloadTypeDispatch;
import dev.ante.projections.ProjectionNames;
import dev.ante.projections.rebuild.ReadModelTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Ingests random games over HTTP into a platform of its own and checks every read endpoint against a
 * hand computation from the same events; then replays every projection and checks again. Each concrete
 * suite gives its own data directory (and read-model database).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ante.security.agent-keys=agent-key", "ante.security.admin-keys=admin-key",
        "ante.questdb.mode=disabled"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ReadModelSuite {

    private static final String AGENT = "agent-key";
    private static final String ADMIN = "admin-key";
    /** A fresh directory for one suite's event store. */
    static Path newDataDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    private Http http;
    private ExpectedReadModels expected;
    private long lastPosition;

    @BeforeAll
    void ingest() {
        http = new Http(port);
        Map<String, String> names = new LinkedHashMap<>();
        for (String strategy : List.of("flush-hunter", "pair-spam")) {
            names.put(strategy, "Strategy " + strategy);
            Http.Response r = http.postJson("/api/v1/strategies/" + strategy + "/events", AGENT, List.of(
                    envelope("StrategyRegistered", data("name", "Strategy " + strategy, "agentId", "agent-0",
                            "modelVersion", "v1", "parameters", Map.of("risk", 0.5))),
                    envelope("StrategyRevised", data("modelVersion", "v2", "parameters", Map.of("risk", 0.7),
                            "reason", "tuning")),
                    envelope("StrategyEvaluated", data("gamesPlayed", 10, "wins", 4, "avgFinalAnte", 5.5))));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
        }
        Map<String, List<JsonNode>> games = new LinkedHashMap<>();
        for (RandomGames.Game game : RandomGames.generate("rm", 80, 20261123L)) {
            List<Map<String, Object>> events = game.events();
            int split = events.size() / 2;
            for (List<Map<String, Object>> batch : List.of(events.subList(0, split), events.subList(split, events.size()))) {
                Http.Response r = http.postJson("/api/v1/games/" + game.gameId() + "/events", AGENT, batch);
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                lastPosition = Math.max(lastPosition, r.json().get("position").asLong());
            }
            games.put(game.gameId(), ExpectedReadModels.tree(events));
        }
        expected = new ExpectedReadModels(games, names);
    }

    private void awaitAllProjections() {
        for (String name : ProjectionNames.ALL) {
            String endpoint = switch (name) {
                case ProjectionNames.GAME_SUMMARIES -> "/api/v1/games?limit=1";
                case ProjectionNames.SYNERGIES -> "/api/v1/synergies?limit=1";
                case ProjectionNames.STRATEGIES -> "/api/v1/strategies/leaderboard?limit=1";
                case ProjectionNames.WINNING -> "/api/v1/strategies/winning-builds?limit=1";
                default -> "/api/v1/stats/antes";
            };
            Http.Response r = http.get(endpoint + (endpoint.contains("?") ? "&" : "?") + "minPosition=" + lastPosition, AGENT);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.headers().firstValue("Ante-Position-Not-Reached")).as(() -> name + " at " + lastPosition
                    + "; projections: " + http.get("/api/v1/projections", AGENT).text() + "\n" + processorThreads())
                    .isEmpty();
        }
    }

    /** The stacks of this JVM's event-processing threads, for a read that found its processor behind. */
    private static String processorThreads() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("EventProcessor") || thread.getName().startsWith("EmbeddedEventStore")) {
                out.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
                for (StackTraceElement frame : stack) {
                    out.append("    at ").append(frame).append('\n');
                }
            }
        });
        return out.toString();
    }

    @Test
    @Order(0)
    void givenTheReadModelProcessors_whenBuilt_thenEachDecidesWhatItHandlesByPayloadType() {
        for (String name : ProjectionNames.ALL) {
            TrackingEventProcessor processor = processing.eventProcessor(name, TrackingEventProcessor.class)
                    .orElseThrow(() -> new AssertionError("no tracking processor " + name));
            assertThat(processor.eventHandlerInvoker()).as(name).isInstanceOf(PayloadTypeDispatch.class);
            assertThat(((PayloadTypeDispatch) processor.eventHandlerInvoker()).cachesEveryGroup()).as(name).isTrue();
        }
    }

    @Test
    @Order(1)
    void givenIngestedGames_whenReadingEveryEndpoint_thenTheyMatchAHandComputation() {
        awaitAllProjections();
        expected.checkAll(http, AGENT);
    }

    @Test
    @Order(2)
    void givenAStrategy_whenReadingItsDetail_thenRegistrationRevisionsEvaluationsAndStatsAreThere() {
        Http.Response r = http.get("/api/v1/strategies/flush-hunter?minPosition=" + lastPosition, AGENT);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("registration").get("name").asText()).isEqualTo("Strategy flush-hunter");
        assertThat(r.json().get("registration").get("parameters").get("risk").asDouble()).isEqualTo(0.5);
        assertThat(r.json().get("revisions")).hasSize(1);
        assertThat(r.json().get("revisions").get(0).get("revision").asLong()).isEqualTo(1);
        assertThat(r.json().get("revisions").get(0).get("modelVersion").asText()).isEqualTo("v2");
        assertThat(r.json().get("evaluations").get(0).get("wins").asInt()).isEqualTo(4);
        assertThat(r.json().get("stats").get("modelVersion").asText()).isEqualTo("v2");
        assertThat(http.get("/api/v1/strategies/nobody", AGENT).status()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void givenProjections_whenListed_thenEachReportsPositionHeadAndLag() {
        Http.Response r = http.get("/api/v1/projections", AGENT);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("items")).hasSize(ProjectionNames.ALL.size());
        r.json().get("items").forEach(item -> {
            assertThat(item.get("head").asLong()).isGreaterThanOrEqualTo(lastPosition);
            assertThat(item.get("lag").asLong()).isEqualTo(item.get("head").asLong() - item.get("position").asLong());
        });
    }

    @Test
    @Order(4)
    void givenAnAdminReplayOfEveryProjection_whenRebuilt_thenTheNumbersAreIdentical() throws InterruptedException {
        for (String name : ProjectionNames.ALL) {
            Http.Response r = http.post("/api/v1/admin/projections/" + name + "/replay", ADMIN, "application/json", "");
            assertThat(r.status()).as(r.text()).isEqualTo(202);
            // The API keeps answering while the projection rebuilds.
            assertThat(http.get("/api/v1/games?limit=5", AGENT).status()).isEqualTo(200);
        }
        // The read models being rebuilt still answer in full, from their previous version...
        awaitAllProjections();
        expected.checkAll(http, AGENT);
        // ...and once each rebuild has replaced its read model, from the new one.
        for (String name : ProjectionNames.ALL) {
            awaitNotReplaying(name);
        }
        awaitAllProjections();
        expected.checkAll(http, AGENT);
    }

    @Test
    @Order(6)
    void givenDamagedReadModels_whenReplayed_thenTheRebuildsReplaceThemWhole() throws InterruptedException {
        for (String name : ProjectionNames.ALL) {
            for (ReadModelTables.Table table : ReadModelTables.of(name)) {
                jdbc.update("DELETE FROM " + table.name());
            }
        }
        assertThat(http.get("/api/v1/games?limit=5", AGENT).json().get("items")).isEmpty();

        assertThat(http.post("/api/v1/admin/projections/replay", AGENT, "application/json", "").status())
                .isEqualTo(403);
        // Every read model at once, in one pass over the log.
        Http.Response r = http.post("/api/v1/admin/projections/replay", ADMIN, "application/json", "");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        assertThat(r.json().get("items")).hasSizeGreaterThanOrEqualTo(ProjectionNames.ALL.size());
        r.json().get("items").forEach(item -> assertThat(item.get("replaying").asBoolean()).as(item.toString()).isTrue());
        for (String name : ProjectionNames.ALL) {
            JsonNode item = awaitNotReplaying(name);
            assertThat(item.path("error").isTextual()).as(item.toString()).isFalse();
        }
        awaitAllProjections();
        expected.checkAll(http, AGENT);
    }

    @Test
    @Order(5)
    void givenAReplayOfOneReadModel_whenRebuilt_thenItAloneIsRebuiltAndNoOtherCountsTwice()
            throws InterruptedException {
        Http.Response r = http.post("/api/v1/admin/projections/" + ProjectionNames.SYNERGIES + "/replay", ADMIN,
                "application/json", "");
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        assertThat(r.json().get("replaying").asBoolean()).isTrue();
        JsonNode items = http.get("/api/v1/projections", ADMIN).json().get("items");
        for (JsonNode item : items) {
            if (!item.get("name").asText().equals(ProjectionNames.SYNERGIES)) {
                // The others are left as they are.
                assertThat(item.get("replaying").asBoolean()).as(item.toString()).isFalse();
                assertThat(item.get("position").asLong()).as(item.toString()).isGreaterThanOrEqualTo(lastPosition);
            }
        }
        awaitAllProjections();
        // Every read model, the rebuilt one and the others, still matches the hand computation.
        expected.checkAll(http, AGENT);

        // And the rebuilt one says it is done: not replaying, all the way along the log, nothing left to wait.
        JsonNode synergies = awaitNotReplaying(ProjectionNames.SYNERGIES);
        assertThat(synergies.get("lag").asLong()).as(synergies.toString()).isZero();
        assertThat(synergies.get("percent").asDouble()).as(synergies.toString()).isEqualTo(100.0);
        assertThat(synergies.get("etaSeconds").asLong()).as(synergies.toString()).isZero();
        assertThat(synergies.get("rate").asDouble()).as(synergies.toString()).isGreaterThanOrEqualTo(0.0);
    }

    /** Polls {@code GET /api/v1/projections} until {@code name} has caught up and is no longer replaying. */
    private JsonNode awaitNotReplaying(String name) throws InterruptedException {
        JsonNode last = null;
        for (int attempt = 0; attempt < 600; attempt++) {
            for (JsonNode item : http.get("/api/v1/projections", ADMIN).json().get("items")) {
                if (item.get("name").asText().equals(name)) {
                    last = item;
                }
            }
            if (last != null && !last.get("replaying").asBoolean() && last.get("position").asLong() >= lastPosition) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " never reported the end of its replay: " + last);
    }
}
