package dev.ante.api;

import static dev.ante.api.Games.data;
import static dev.ante.api.Games.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.api.ingest.AppendResponse;
import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.catalog.EventCatalog;
import dev.ante.infra.codec.EventCodec;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StreamRead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

class IngestApiIT extends ApiTestBase {

    @Autowired
    @Qualifier("eventSerializer")
    private Serializer eventSerializer;

    @Autowired
    private Serializer generalSerializer;

    @Autowired
    private EventCodec codec;

    @Autowired
    private ObjectMapper webMapper;

    @Autowired
    private org.axonframework.commandhandling.CommandBus commandBus;

    @Autowired
    private org.axonframework.commandhandling.gateway.CommandGateway commandGateway;

    /** A command of this test's own, to see what surrounds a command's handler. */
    record TransactionProbe() {
    }

    @Autowired
    private org.springframework.context.ApplicationContext context;

    private static String gameId() {
        return "g-" + UUID.randomUUID();
    }

    @Test
    void givenAGameInBatches_whenPosted_thenItLandsInItsStreamWithDenseRevisions() {
        String id = gameId();
        List<Map<String, Object>> game = Games.shortGame(20);
        Http.Response first = http.postJson("/api/v1/games/" + id + "/events", AGENT, game.subList(0, 10));
        Http.Response second = http.postJson("/api/v1/games/" + id + "/events", AGENT, game.subList(10, game.size()));

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.json().get("stream").asText()).isEqualTo("game-" + id);
        assertThat(first.json().get("firstRevision").asLong()).isZero();
        assertThat(first.json().get("lastRevision").asLong()).isEqualTo(9);
        assertThat(first.json().get("appended").asInt()).isEqualTo(10);
        assertThat(first.json().get("duplicates").asInt()).isZero();
        assertThat(second.status()).as(second.text()).isEqualTo(200);
        assertThat(second.json().get("firstRevision").asLong()).isEqualTo(10);
        assertThat(second.json().get("lastRevision").asLong()).isEqualTo(game.size() - 1);

        StreamRead.Found stored = (StreamRead.Found) store.readStream("game-" + id, 0, 1000, Direction.FORWARDS);
        assertThat(stored.events()).extracting(RecordedEvent::revision)
                .containsExactlyElementsOf(range(game.size()));
        assertThat(stored.events()).extracting(e -> e.eventId().toString())
                .containsExactlyElementsOf(game.stream().map(e -> (String) e.get("eventId")).toList());
        assertThat(stored.events()).extracting(RecordedEvent::type).first().isEqualTo("GameStarted");
        assertThat(second.json().get("position").asLong())
                .isEqualTo(stored.events().get(stored.events().size() - 1).position());
    }

    @Test
    void givenAcceptedBatches_whenAnswered_thenTheBodyIsTheWebMappersJsonWithItsLengthAndTheSecurityHeaders()
            throws Exception {
        String id = gameId();
        List<Map<String, Object>> game = Games.shortGame(5);
        Http.Response fresh = http.postJson("/api/v1/games/" + id + "/events", AGENT, game);
        Http.Response retried = http.postJson("/api/v1/games/" + id + "/events", AGENT, game);

        for (Http.Response r : List.of(fresh, retried)) {
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(r.headers().firstValue("Content-Length"))
                    .hasValue(String.valueOf(r.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            AppendResponse answer = webMapper.readValue(r.text(), AppendResponse.class);
            assertThat(r.text()).isEqualTo(webMapper.writeValueAsString(answer));
        }
        assertThat(retried.json().get("firstRevision").isNull()).isTrue();
        assertThat(retried.json().get("duplicateIndexes")).hasSize(game.size());
    }

    @Autowired
    private io.micrometer.core.instrument.MeterRegistry meters;

    private double fastPathTaken() {
        return meters.get("ante.ingest.fast.path").counter().count();
    }

    /** A JSON POST with extra headers, which the fast path leaves to the full stack when they include Origin. */
    private Http.Response post(String path, String key, Object body, String... headers) throws Exception {
        var request = http.builder(path, key).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(webMapper.writeValueAsBytes(body)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build());
    }

    /** A response's headers that say something about it (not when, how long, or how the connection goes on). */
    private static Map<String, List<String>> telling(Http.Response r) {
        Map<String, List<String>> headers = new java.util.TreeMap<>(r.headers().map());
        headers.keySet().removeIf(name -> List.of("date", "content-length", "keep-alive", "connection",
                "transfer-encoding").contains(name.toLowerCase(java.util.Locale.ROOT)));
        return headers;
    }

    @Test
    void givenOrdinaryAppends_whenPosted_thenTheFastPathAnswersThemAsTheFullStackDoes() throws Exception {
        String id = gameId();
        String path = "/api/v1/games/" + id + "/events";
        List<Map<String, Object>> game = Games.shortGame(6);
        double before = fastPathTaken();

        Http.Response fast = post(path, AGENT, game.subList(0, 2), "Accept", "application/json, text/plain");
        double afterFast = fastPathTaken();
        // An Origin header is left to the security chain and the dispatcher.
        Http.Response full = post(path, AGENT, game.subList(2, 4), "Origin", "http://localhost");
        double afterFull = fastPathTaken();
        Http.Response admin = post(path + "?expectedRevision=3&backfill=false", ADMIN, game.subList(4, 6));

        assertThat(fast.status()).as(fast.text()).isEqualTo(200);
        assertThat(full.status()).as(full.text()).isEqualTo(200);
        assertThat(admin.status()).as(admin.text()).isEqualTo(200);
        assertThat(afterFast - before).isEqualTo(1);
        assertThat(afterFull).isEqualTo(afterFast);
        assertThat(fastPathTaken() - afterFull).isEqualTo(1);
        assertThat(telling(fast)).isEqualTo(telling(full)).containsKeys("x-content-type-options", "x-frame-options",
                "cache-control", "content-type");
        assertThat(fast.json().fieldNames()).toIterable().containsExactlyElementsOf(
                () -> full.json().fieldNames());
        assertThat(fast.json().get("lastRevision").asLong()).isEqualTo(1);
        assertThat(full.json().get("lastRevision").asLong()).isEqualTo(3);
        assertThat(admin.json().get("lastRevision").asLong()).isEqualTo(5);
    }

    @Test
    void givenRefusedAppends_whenPostedOnTheFastPath_thenTheProblemsAreTheFullStacks() throws Exception {
        String id = gameId();
        String path = "/api/v1/games/" + id + "/events";
        List<Map<String, Object>> game = Games.shortGame(3);
        Map<String, Object> broken = new java.util.HashMap<>(game.get(0));
        broken.remove("occurredAt");
        double before = fastPathTaken();

        Http.Response fast = post(path, AGENT, List.of(broken));
        Http.Response full = post(path, AGENT, List.of(broken), "Origin", "http://localhost");
        Http.Response fastWrongRevision = post(path + "?expectedRevision=7", AGENT, game);
        Http.Response fullWrongRevision = post(path + "?expectedRevision=7", AGENT, game, "Origin", "http://localhost");
        Http.Response fastBadParameter = post(path + "?backfill=maybe", AGENT, game);
        Http.Response fullBadParameter = post(path + "?backfill=maybe", AGENT, game, "Origin", "http://localhost");

        assertThat(fastPathTaken() - before).isEqualTo(3);
        for (Http.Response[] pair : List.of(new Http.Response[] {fast, full},
                new Http.Response[] {fastWrongRevision, fullWrongRevision},
                new Http.Response[] {fastBadParameter, fullBadParameter})) {
            assertThat(pair[0].status()).as(pair[0].text()).isIn(400, 409).isEqualTo(pair[1].status());
            assertThat(pair[0].contentType()).isEqualTo("application/problem+json");
            assertThat(pair[0].json()).isEqualTo(pair[1].json());
            assertThat(telling(pair[0])).isEqualTo(telling(pair[1]));
        }
        assertThat(fast.json().get("errors").get(0).get("field").asText()).isEqualTo("occurredAt");
    }

    @Test
    void givenRequestsTheFastPathCannotBeSureOf_whenPosted_thenTheFullStackAnswersThem() throws Exception {
        String path = "/api/v1/games/" + gameId() + "/events";
        List<Map<String, Object>> game = Games.shortGame(2);
        double before = fastPathTaken();

        assertThat(post(path, RESEARCHER, game).status()).isEqualTo(403);
        assertThat(post(path, "not-a-key", game).status()).isEqualTo(401);
        assertThat(post(path, null, game).status()).isEqualTo(401);
        assertThat(post(path, AGENT, game, "Accept", "text/plain").status()).isEqualTo(406);
        assertThat(http.post(path, AGENT, "text/plain", "[]").status()).isEqualTo(415);
        assertThat(post(path + "?expectedRevision=-1&expectedRevision=0", AGENT, game).status()).isEqualTo(400);
        // Percent-encoded ids are decoded by the full stack: '%2D' is '-'.
        assertThat(post("/api/v1/games/g%2D" + UUID.randomUUID() + "/events", AGENT, game).status()).isEqualTo(200);
        assertThat(post("/api/v1/games/" + "g".repeat(65) + "/events", AGENT, game).status()).isEqualTo(400);

        assertThat(fastPathTaken()).isEqualTo(before);
    }

    @Test
    void givenTheEmbeddedStore_whenWired_thenAppendsAreHandedToTheLogReader() {
        org.junit.jupiter.api.Assumptions.assumeTrue(getClass() == IngestApiIT.class, "the embedded store only");
        assertThat(context.getBeanProvider(dev.ante.infra.axon.RecentAppends.class).getIfAvailable()).isNotNull();
    }

    @Test
    void givenACommand_whenHandled_thenNoReadModelTransactionIsOpenAroundIt() {
        var registration = commandBus.subscribe(TransactionProbe.class.getName(),
                message -> org.springframework.transaction.support.TransactionSynchronizationManager
                        .isActualTransactionActive());
        try {
            Boolean inTransaction = commandGateway.sendAndWait(new TransactionProbe());
            assertThat(inTransaction).isFalse();
        } finally {
            registration.cancel();
        }
    }

    @Test
    void givenAnotherWriterAppendedBehindThisInstance_whenTheNextBatchArrives_thenItIsDecidedOnTheStoredStream() {
        String id = gameId();
        String stream = "game-" + id;
        List<Map<String, Object>> game = Games.shortGame(6);
        assertThat(http.postJson("/api/v1/games/" + id + "/events", AGENT, game.subList(0, 2)).status()).isEqualTo(200);
        // Another instance appends revision 2 straight to the shared store: this one still holds revision 1.
        Map<String, Object> third = game.get(2);
        Object data = codec.mapper().convertValue(third.get("data"),
                EventCatalog.GAME.typeNamed((String) third.get("type")).orElseThrow());
        store.append(stream, ExpectedRevision.exact(1), List.of(codec.encode(
                UUID.fromString((String) third.get("eventId")), Instant.parse((String) third.get("occurredAt")), data)));

        Http.Response next = http.postJson("/api/v1/games/" + id + "/events", AGENT, game.subList(3, 4));
        Http.Response stale = http.postJson("/api/v1/games/" + id + "/events?expectedRevision=2", AGENT,
                game.subList(4, 5));
        Http.Response othersRetried = http.postJson("/api/v1/games/" + id + "/events", AGENT, List.of(third));

        assertThat(next.status()).as(next.text()).isEqualTo(200);
        assertThat(next.json().get("firstRevision").asLong()).isEqualTo(3);
        assertThat(stale.status()).as(stale.text()).isEqualTo(409);
        assertThat(stale.json().get("actualRevision").asLong()).isEqualTo(3);
        assertThat(othersRetried.status()).as(othersRetried.text()).isEqualTo(200);
        assertThat(othersRetried.json().get("duplicates").asInt()).isEqualTo(1);
        StreamRead.Found stored = (StreamRead.Found) store.readStream(stream, 0, 100, Direction.FORWARDS);
        assertThat(stored.events()).extracting(e -> e.eventId().toString())
                .containsExactlyElementsOf(game.subList(0, 4).stream().map(e -> (String) e.get("eventId")).toList());
    }

    @Test
    void givenARetriedBatch_whenPostedAgain_thenDuplicatesAreReportedAndNothingIsAppended() {
        String id = gameId();
        List<Map<String, Object>> game = Games.shortGame(3);
        http.postJson("/api/v1/games/" + id + "/events", AGENT, game);
        long head = store.headPosition();

        Http.Response retry = http.postJson("/api/v1/games/" + id + "/events", AGENT, game);

        assertThat(retry.status()).as(retry.text()).isEqualTo(200);
        assertThat(retry.json().get("appended").asInt()).isZero();
        assertThat(retry.json().get("duplicates").asInt()).isEqualTo(game.size());
        assertThat(retry.json().get("firstRevision").isNull()).isTrue();
        assertThat(retry.json().get("duplicateIndexes")).hasSize(game.size());
        assertThat(store.headPosition()).isEqualTo(head);
    }

    @Test
    void givenARetriedBatch_whenPostedAgain_thenItsPositionIsThatOfTheStreamsLastEvent() {
        String id = gameId();
        List<Map<String, Object>> game = Games.shortGame(3);
        Http.Response first = http.postJson("/api/v1/games/" + id + "/events", AGENT, game);
        Http.Response other = http.postJson("/api/v1/games/" + gameId() + "/events", AGENT, Games.shortGame(1));

        Http.Response retry = http.postJson("/api/v1/games/" + id + "/events", AGENT, game);

        assertThat(retry.status()).as(retry.text()).isEqualTo(200);
        assertThat(retry.json().get("appended").asInt()).isZero();
        assertThat(other.json().get("position").asLong()).isGreaterThan(first.json().get("position").asLong());
        assertThat(retry.json().get("position").asLong()).isEqualTo(first.json().get("position").asLong());
    }

    @Test
    void givenAPartlyRetriedBatch_whenPosted_thenOnlyTheNewEventsAreAppended() {
        String id = gameId();
        List<Map<String, Object>> game = Games.shortGame(4);
        http.postJson("/api/v1/games/" + id + "/events", AGENT, game.subList(0, 3));

        Http.Response response = http.postJson("/api/v1/games/" + id + "/events", AGENT, game);

        assertThat(response.json().get("appended").asInt()).isEqualTo(game.size() - 3);
        assertThat(response.json().get("duplicates").asInt()).isEqualTo(3);
        assertThat(response.json().get("firstRevision").asLong()).isEqualTo(3);
    }

    @Test
    void givenAWrongExpectedRevision_whenPosted_thenConflictCarriesTheActualRevision() {
        String id = gameId();
        http.postJson("/api/v1/games/" + id + "/events", AGENT, Games.shortGame(2).subList(0, 3));
        long head = store.headPosition();

        Http.Response response = http.postJson("/api/v1/games/" + id + "/events?expectedRevision=7", AGENT,
                List.of(Games.hand(1, 3, 10, List.of())));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("actualRevision").asLong()).isEqualTo(2);
        assertThat(store.headPosition()).isEqualTo(head);
    }

    @Test
    void givenTheRightExpectedRevision_whenPosted_thenAppended() {
        String id = gameId();
        Http.Response created = http.postJson("/api/v1/games/" + id + "/events?expectedRevision=-1", AGENT,
                List.of(Games.started()));
        Http.Response next = http.postJson("/api/v1/games/" + id + "/events?expectedRevision=0", AGENT,
                List.of(Games.blind(1, "SMALL")));

        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(next.status()).as(next.text()).isEqualTo(200);
        assertThat(next.json().get("lastRevision").asLong()).isEqualTo(1);
    }

    @Test
    void givenAStoredGame_whenReadingEventsAndState_thenTheFoldMatchesEachRevision() {
        String id = gameId();
        http.postJson("/api/v1/games/" + id + "/events", AGENT, Games.shortGame(3));

        Http.Response events = http.get("/api/v1/games/" + id + "/events?limit=2", RESEARCHER);
        Http.Response latest = http.get("/api/v1/games/" + id + "/state", RESEARCHER);
        Http.Response early = http.get("/api/v1/games/" + id + "/state?atRevision=1", RESEARCHER);

        assertThat(events.status()).isEqualTo(200);
        assertThat(events.json().get("items")).hasSize(2);
        assertThat(events.json().get("nextRevision").asLong()).isEqualTo(2);
        assertThat(events.json().get("items").get(0).get("data").get("agentId").asText()).isEqualTo("agent-1");
        assertThat(events.json().get("items").get(0).get("occurredAt").asText()).isEqualTo("2026-11-23T10:15:30.123456Z");

        JsonNode state = latest.json();
        assertThat(state.get("gameId").asText()).isEqualTo(id);
        assertThat(state.get("stream").asText()).isEqualTo("game-" + id);
        assertThat(state.get("status").asText()).isEqualTo("WON");
        assertThat(state.get("revision").asLong()).isEqualTo(5);
        assertThat(state.get("handsPlayed").asInt()).isEqualTo(3);
        assertThat(state.get("bestHandScore").asLong()).isEqualTo(300);
        assertThat(state.get("handTypeCounts").get("Pair").asInt()).isEqualTo(3);
        assertThat(state.get("money").asInt()).isEqualTo(12);
        assertThat(state.get("jokers")).hasSize(1);

        assertThat(early.json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(early.json().get("revision").asLong()).isEqualTo(1);
        assertThat(early.json().get("ante").asInt()).isEqualTo(1);
        assertThat(early.json().get("blindType").asText()).isEqualTo("SMALL");
        assertThat(early.json().get("phase").asText()).isEqualTo("PLAYING");
        assertThat(early.json().get("money").asInt()).isEqualTo(4);
        assertThat(early.json().get("handsPlayed").asInt()).isZero();
    }

    @Test
    void givenStrategyAndLearningEvents_whenPosted_thenTheyLandInTheirStreams() {
        String strategy = "s-" + UUID.randomUUID();
        Http.Response registered = http.postJson("/api/v1/strategies/" + strategy + "/events", AGENT, List.of(
                envelope("StrategyRegistered", data("name", "Flush hunter", "agentId", "agent-1",
                        "parameters", Map.of("aggression", 0.7, "rerollBudget", 3))),
                envelope("StrategyEvaluated", data("gamesPlayed", 10, "wins", 3, "avgFinalAnte", 4.5))));
        String run = "r-" + UUID.randomUUID();
        Http.Response metrics = http.postJson("/api/v1/learning/" + run + "/metrics", AGENT, List.of(
                envelope("MetricRecorded", data("step", 1, "name", "loss", "value", 0.93)),
                envelope("MetricRecorded", data("step", 2, "name", "loss", "value", 0.81, "strategyId", strategy))));

        assertThat(registered.status()).as(registered.text()).isEqualTo(200);
        assertThat(registered.json().get("stream").asText()).isEqualTo("strategy-" + strategy);
        assertThat(metrics.status()).as(metrics.text()).isEqualTo(200);
        assertThat(metrics.json().get("stream").asText()).isEqualTo("learning-" + run);
        assertThat(store.lastRevision("learning-" + run)).contains(1L);
    }

    @Test
    void givenEventsOlderThanTheMaxAgeOrAhead_whenPosted_thenRefusedUnlessBackfillAndNothingWritten() throws Exception {
        // The tests' configuration allows 36,500 days (they post fixed historical games); the rule is the same.
        Instant now = Instant.now();
        String stale = gameId();
        String ahead = gameId();
        long head = store.headPosition();

        Http.Response old = http.postJson("/api/v1/games/" + stale + "/events", AGENT, List.of(
                startedAt(now.minus(java.time.Duration.ofDays(36_502)))));
        Http.Response future = http.postJson("/api/v1/games/" + ahead + "/events", AGENT, List.of(
                startedAt(now.plus(java.time.Duration.ofMinutes(20)))));
        Http.Response bad = http.postJson("/api/v1/games/" + stale + "/events?backfill=maybe", AGENT, List.of(
                startedAt(now)));
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<String, Object> line = new java.util.LinkedHashMap<>(startedAt(now.minus(java.time.Duration.ofDays(36_502))));
        line.put("gameId", stale);
        Http.Response ndjson = http.post("/api/v1/events", AGENT, "application/x-ndjson",
                mapper.writeValueAsString(line) + "\n");

        assertThat(old.status()).as(old.text()).isEqualTo(400);
        assertThat(old.json().get("errors").get(0).get("field").asText()).isEqualTo("occurredAt");
        assertThat(old.json().get("errors").get(0).get("message").asText()).isEqualTo("is 36502d 0h in the past, "
                + "more than the 36500d 0h allowed (ante.ingest.max-event-age); post older events with ?backfill=true");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().get("errors").get(0).get("message").asText())
                .contains(" in the future, more than the 5m 0s allowed (ante.ingest.max-event-lead)");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("message").asText())
                .isEqualTo("must be true or false, was 'maybe'");
        assertThat(ndjson.status()).isEqualTo(400);
        assertThat(store.headPosition()).as("nothing written").isEqualTo(head);

        Http.Response backfilled = http.postJson("/api/v1/games/" + stale + "/events?backfill=true", AGENT,
                List.of(startedAt(now.minus(java.time.Duration.ofDays(36_502)))));
        line.put("gameId", ahead);
        Http.Response backfilledNdjson = http.post("/api/v1/events?backfill=TRUE", AGENT, "application/x-ndjson",
                mapper.writeValueAsString(line) + "\n");

        assertThat(backfilled.status()).as(backfilled.text()).isEqualTo(200);
        assertThat(backfilledNdjson.status()).as(backfilledNdjson.text()).isEqualTo(200);
        assertThat(store.lastRevision("game-" + stale)).contains(0L);
        assertThat(store.lastRevision("game-" + ahead)).contains(0L);
    }

    private static Map<String, Object> startedAt(Instant at) {
        Map<String, Object> started = new java.util.LinkedHashMap<>(Games.started());
        started.put("occurredAt", at.toString());
        return started;
    }

    @Test
    void givenNdjsonAcrossStreams_whenPosted_thenEachStreamIsAppendedInOrder() throws Exception {
        String a = gameId();
        String b = gameId();
        String run = "r-" + UUID.randomUUID();
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> e : Games.shortGame(2)) {
            Map<String, Object> line = new java.util.LinkedHashMap<>(e);
            line.put("gameId", a);
            lines.add(mapper.writeValueAsString(line));
            Map<String, Object> other = new java.util.LinkedHashMap<>(e);
            other.put("eventId", UUID.randomUUID().toString());
            other.put("gameId", b);
            lines.add(mapper.writeValueAsString(other));
        }
        Map<String, Object> metric = new java.util.LinkedHashMap<>(
                envelope("MetricRecorded", data("step", 1, "name", "reward", "value", 1.5)));
        metric.put("runId", run);
        lines.add(mapper.writeValueAsString(metric));

        Http.Response response = http.post("/api/v1/events", AGENT, "application/x-ndjson",
                String.join("\n", lines) + "\n");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().get("results")).hasSize(3);
        assertThat(response.json().get("conflicts")).isEmpty();
        assertThat(store.lastRevision("game-" + a)).contains(4L);
        assertThat(store.lastRevision("game-" + b)).contains(4L);
        assertThat(store.lastRevision("learning-" + run)).contains(0L);
    }

    @Test
    void givenNdjsonWhereOneStreamBreaksARule_whenPosted_thenTheOthersLandAndTheConflictIsListed() throws Exception {
        String good = gameId();
        String bad = gameId();
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<String, Object> start = new java.util.LinkedHashMap<>(Games.started());
        start.put("gameId", good);
        Map<String, Object> orphan = new java.util.LinkedHashMap<>(Games.blind(1, "SMALL"));
        orphan.put("gameId", bad);

        Http.Response response = http.post("/api/v1/events", AGENT, "application/x-ndjson",
                mapper.writeValueAsString(start) + "\n" + mapper.writeValueAsString(orphan) + "\n");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().get("results")).hasSize(1);
        assertThat(response.json().get("conflicts")).hasSize(1);
        assertThat(response.json().get("conflicts").get(0).get("errors").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(store.lastRevision("game-" + good)).contains(0L);
        assertThat(store.lastRevision("game-" + bad)).isEmpty();
    }

    @Test
    void givenConcurrentBatchesForOneGame_whenPosted_thenRevisionsStayDense() throws Exception {
        String id = gameId();
        http.postJson("/api/v1/games/" + id + "/events", AGENT, List.of(Games.started(), Games.blind(1, "SMALL")));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Integer>> statuses = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            for (int i = 0; i < 5; i++) {
                int handNumber = t * 10 + i + 1;
                statuses.add(pool.submit(() -> http.postJson("/api/v1/games/" + id + "/events", AGENT,
                        List.of(Games.hand(1, handNumber, 5, List.of()))).status()));
            }
        }
        for (var status : statuses) {
            assertThat(status.get()).isEqualTo(200);
        }
        pool.shutdown();
        StreamRead.Found stored = (StreamRead.Found) store.readStream("game-" + id, 0, 1000, Direction.FORWARDS);
        assertThat(stored.events()).extracting(RecordedEvent::revision).containsExactlyElementsOf(range(42));
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenLargeUnknownFields_whenPosted_thenTheyAreIgnoredAndTheEventsLand() throws Exception {
        String id = gameId();
        List<Map<String, Object>> pad = java.util.Collections.nCopies(100_000, Map.of("a", 1));
        Map<String, Object> started = new java.util.LinkedHashMap<>(Games.started());
        started.put("pad", pad);
        Map<String, Object> data = new java.util.LinkedHashMap<>((Map<String, Object>) started.get("data"));
        data.put("pad", pad);
        started.put("data", data);
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        byte[] body = mapper.writeValueAsBytes(List.of(started));
        assertThat(body.length).isGreaterThan(1_500_000);

        Http.Response batch = http.post("/api/v1/games/" + id + "/events", AGENT, "application/json", body);
        Map<String, Object> line = new java.util.LinkedHashMap<>(Games.blind(1, "SMALL"));
        line.put("gameId", id);
        line.put("pad", pad);
        Http.Response ndjson = http.post("/api/v1/events", AGENT, "application/x-ndjson",
                mapper.writeValueAsString(Map.of("gameId", id, "type", "GameStarted", "eventId", started.get("eventId"),
                        "occurredAt", started.get("occurredAt"), "data", Games.started().get("data")))
                        + "\n" + mapper.writeValueAsString(line) + "\n");

        assertThat(batch.status()).as(batch.text()).isEqualTo(200);
        assertThat(ndjson.status()).as(ndjson.text()).isEqualTo(200);
        assertThat(ndjson.json().get("results").get(0).get("duplicates").asInt()).isEqualTo(1);
        StreamRead.Found stored = (StreamRead.Found) store.readStream("game-" + id, 0, 10, Direction.FORWARDS);
        assertThat(stored.events()).hasSize(2);
    }

    @Test
    void givenTheApp_whenItsSerializersAreInspected_thenEventsUseTheCodecsMapperAndTheWebKeepsSpringsOwn() {
        assertThat(eventSerializer).isInstanceOfSatisfying(JacksonSerializer.class,
                jackson -> assertThat(jackson.getObjectMapper()).isSameAs(codec.mapper()));
        assertThat(generalSerializer).isInstanceOfSatisfying(JacksonSerializer.class,
                jackson -> assertThat(jackson.getObjectMapper()).isSameAs(webMapper));
        assertThat(webMapper).isNotSameAs(codec.mapper());
    }

    @Test
    void givenTheApp_whenAskingForHealthAndOpenApi_thenBothAnswerWithoutAKeyAndDetailsOnlyWithOne() {
        Http.Response health = http.get("/actuator/health", null);
        Http.Response detailed = http.get("/actuator/health", RESEARCHER);
        Http.Response docs = http.get("/v3/api-docs", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().has("components")).as(health.text()).isFalse();
        assertThat(health.text()).doesNotContain(dataDir().toString()).doesNotContain("Sqlite");
        assertThat(detailed.json().get("components").get("eventStore").get("status").asText()).isEqualTo("UP");
        assertThat(detailed.json().get("components").get("eventStore").get("details").has("headPosition")).isTrue();
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/games/{gameId}/events")).isTrue();
    }

    @Test
    void givenTheSecurityFilters_whenRequestsArrive_thenSpringSecuritysOwnChainRunsWithoutAHandlerLookupBeforeIt() {
        // The rules match paths themselves; Spring MVC's per-request handler lookup in front of them is removed.
        assertThat(filterClasses(context.getBean("springSecurityFilterChain")))
                .contains(org.springframework.security.web.FilterChainProxy.class.getName())
                .noneMatch(name -> name.contains("HandlerMappingIntrospector"));
        String id = gameId();
        List<Map<String, Object>> game = Games.shortGame(2);
        assertThat(http.postJson("/api/v1/games/" + id + "/events", null, game).status()).isEqualTo(401);
        assertThat(http.postJson("/api/v1/games/" + id + "/events", RESEARCHER, game).status()).isEqualTo(403);
        assertThat(http.postJson("/api/v1/games/" + id + "/events", AGENT, game).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/games/" + id + "/events", RESEARCHER).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/admin/rejections", AGENT).status()).isEqualTo(403);
        assertThat(http.get("/actuator/health", null).status()).isEqualTo(200);
    }

    /** The classes of a filter and of the filters it delegates to, read from Spring's composites' fields. */
    private static List<String> filterClasses(Object filter) {
        List<String> names = new ArrayList<>();
        names.add(filter.getClass().getName());
        for (Class<?> type = filter.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (java.lang.reflect.Field field : type.getDeclaredFields()) {
                if (field.getName().equals("doFilterDelegate") || field.getName().equals("filters")) {
                    try {
                        field.setAccessible(true);
                        Object value = field.get(filter);
                        if (value instanceof jakarta.servlet.Filter inner) {
                            names.addAll(filterClasses(inner));
                        } else if (value instanceof List<?> inners) {
                            inners.forEach(inner -> names.addAll(filterClasses(inner)));
                        }
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return names;
    }

    @Test
    void givenRefusedWrites_whenAnAdminAsks_thenTheLastRejectionsSayWhoGotWhatAndWhy() {
        String id = gameId();
        List<Map<String, Object>> game = Games.shortGame(3);
        Map<String, Object> broken = new java.util.HashMap<>(game.get(0));
        broken.remove("occurredAt");
        assertThat(http.postJson("/api/v1/games/" + id + "/events", AGENT, List.of(broken)).status()).isEqualTo(400);
        assertThat(http.postJson("/api/v1/games/" + id + "/events", null, game).status()).isEqualTo(401);
        assertThat(http.postJson("/api/v1/games/" + id + "/events", RESEARCHER, game).status()).isEqualTo(403);
        assertThat(http.postJson("/api/v1/games/" + id + "/events", AGENT, game).status()).isEqualTo(200);

        Http.Response r = http.get("/api/v1/admin/rejections?limit=500", ADMIN);

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<JsonNode> mine = new ArrayList<>();
        r.json().get("items").forEach(item -> {
            if (item.get("path").asText().equals("/api/v1/games/" + id + "/events")) {
                mine.add(item);
            }
        });
        assertThat(mine).extracting(item -> item.get("status").asInt()).containsExactly(403, 401, 400);
        assertThat(mine.get(0).get("role").asText()).isEqualTo("researcher");
        assertThat(mine.get(0).get("title").asText()).isEqualTo("Forbidden");
        assertThat(mine.get(1).get("role").isNull()).isTrue();
        assertThat(mine.get(2).get("role").asText()).isEqualTo("agent");
        assertThat(mine.get(2).get("method").asText()).isEqualTo("POST");
        assertThat(mine.get(2).get("errors").get(0).asText()).isEqualTo("[0].occurredAt: is required");
        assertThat(mine.get(2).get("at").asText()).isNotEmpty();
        assertThat(http.get("/api/v1/admin/rejections", AGENT).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/admin/rejections?limit=501", ADMIN).status()).isEqualTo(400);
    }

    private static List<Long> range(int n) {
        List<Long> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
