package dev.ante.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ante.api.error.ServiceBusyException;
import dev.ante.domain.EventIdConflictException;
import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.GameId;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.RejectedEventsException;
import dev.ante.domain.RunId;
import dev.ante.domain.StrategyId;
import dev.ante.domain.Violation;
import dev.ante.domain.WrongExpectedRevisionException;
import dev.ante.domain.catalog.EventCatalog;
import dev.ante.domain.game.BlindSelected;
import dev.ante.domain.game.BlindType;
import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.learning.LearningEvent;
import dev.ante.domain.learning.MetricRecorded;
import dev.ante.domain.strategy.StrategyEvent;
import dev.ante.domain.strategy.StrategyRegistered;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NdjsonIngestTest {

    private static final String T0 = "2026-11-23T10:15:30.123456Z";
    private static final String STARTED = "{\"agentId\": \"agent-1\", \"seed\": \"S\", \"deck\": \"Red Deck\","
            + " \"stake\": \"White\", \"startingMoney\": 4}";
    private static final String BLIND =
            "{\"ante\": 1, \"blindType\": \"SMALL\", \"blindName\": \"Small Blind\", \"chipsRequired\": 300}";
    private static final String METRIC = "{\"step\": 1, \"name\": \"loss\", \"value\": 0.5}";
    private static final String REGISTERED =
            "{\"name\": \"Flush hunter\", \"agentId\": \"agent-1\", \"parameters\": {\"aggression\": 0.7}}";
    private static final String BLANK = "blank line; every line must be one event envelope";

    private final FakeIngest ingest = new FakeIngest();
    private final NdjsonIngest ndjson = new NdjsonIngest(ingest, IngestJson.strict());

    // --- streams --------------------------------------------------------------------------------------------

    @Test
    void givenLinesOfFourStreamsInterleaved_whenRecorded_thenEachStreamIsOneBatchInTheOrderItFirstAppears()
            throws IOException {
        NdjsonIngest.Response response = record(String.join("\n",
                line("gameId", "a", id(0), "GameStarted", STARTED),
                line("runId", "r1", id(1), "MetricRecorded", METRIC),
                line("gameId", "b", id(2), "GameStarted", STARTED),
                line("gameId", "a", id(3), "BlindSelected", BLIND),
                line("strategyId", "s1", id(4), "StrategyRegistered", REGISTERED),
                line("runId", "r1", id(5), "MetricRecorded", METRIC.replace("\"step\": 1", "\"step\": 2"))));

        assertThat(ingest.batches).extracting(Batch::stream)
                .containsExactly("game-a", "learning-r1", "game-b", "strategy-s1");
        assertThat(ingest.batches).extracting(Batch::expected).containsOnly(ExpectedRevision.any());
        assertThat(ingest.batches.get(0).events()).extracting(IncomingEvent::eventId).containsExactly(id(0), id(3));
        assertThat(data(ingest.batches.get(0))).containsExactly(
                new GameStarted("agent-1", null, null, "S", "Red Deck", "White", 4),
                new BlindSelected(1, BlindType.SMALL, "Small Blind", 300));
        assertThat(ingest.batches.get(0).events()).extracting(IncomingEvent::occurredAt)
                .containsOnly(Instant.parse(T0));
        assertThat(data(ingest.batches.get(1))).containsExactly(
                new MetricRecorded(1, "loss", 0.5, null), new MetricRecorded(2, "loss", 0.5, null));
        assertThat(ingest.batches.get(2).events()).extracting(IncomingEvent::eventId).containsExactly(id(2));
        assertThat(data(ingest.batches.get(3))).containsExactly(
                new StrategyRegistered("Flush hunter", "agent-1", null, Map.of("aggression", 0.7)));
        assertThat(response.results()).containsExactly(
                new NdjsonIngest.StreamResult("game-a", 0L, 1L, 1001, 2, 0, List.of()),
                new NdjsonIngest.StreamResult("learning-r1", 0L, 1L, 1002, 2, 0, List.of()),
                new NdjsonIngest.StreamResult("game-b", 0L, 0L, 1003, 1, 0, List.of()),
                new NdjsonIngest.StreamResult("strategy-s1", 0L, 0L, 1004, 1, 0, List.of()));
        assertThat(response.conflicts()).isEmpty();
    }

    @Test
    void givenDuplicatesInAStreamsBatch_whenRecorded_thenTheyAreReportedByLineIndex() throws IOException {
        ingest.duplicates.put("game-a", List.of(1, 2));
        ingest.duplicates.put("learning-r1", List.of(0));

        NdjsonIngest.Response response = record(String.join("\n",
                line("runId", "r1", id(0), "MetricRecorded", METRIC),
                line("gameId", "a", id(1), "GameStarted", STARTED),
                line("runId", "r1", id(2), "MetricRecorded", METRIC),
                line("gameId", "a", id(3), "BlindSelected", BLIND),
                line("gameId", "a", id(4), "BlindSelected", BLIND.replace("\"ante\": 1", "\"ante\": 2"))));

        assertThat(response.results()).containsExactly(
                new NdjsonIngest.StreamResult("learning-r1", 0L, 0L, 1001, 1, 1, List.of(0)),
                new NdjsonIngest.StreamResult("game-a", 0L, 0L, 1002, 1, 2, List.of(3, 4)));
    }

    // --- conflicts ------------------------------------------------------------------------------------------

    @Test
    void givenStreamsTheAggregatesRefuse_whenRecorded_thenEachIsAConflictByLineAndTheOthersLand() throws IOException {
        UUID reused = id(2);
        ingest.refusals.put("game-a", new RejectedEventsException(List.of(
                new Violation(1, "data.ante", "ante 1 is lower than the game's current ante 2"),
                new Violation(null, null, "the batch as a whole"))));
        ingest.refusals.put("game-b", new EventIdConflictException(0, reused, 5));
        ingest.refusals.put("strategy-s1", new ConcurrentAppendException("strategy-s1", 7, Recorder.ATTEMPTS));
        ingest.refusals.put("learning-r1",
                new WrongExpectedRevisionException("learning-r1", ExpectedRevision.exact(3), 4));
        ingest.lastRevisions.put("strategy-s1", 7L);
        ingest.lastRevisions.put("learning-r1", 4L);

        NdjsonIngest.Response response = record(String.join("\n",
                line("gameId", "a", id(0), "GameStarted", STARTED),
                line("gameId", "c", id(1), "GameStarted", STARTED),
                line("gameId", "b", reused, "GameStarted", STARTED),
                line("strategyId", "s1", id(3), "StrategyRegistered", REGISTERED),
                line("gameId", "a", id(4), "BlindSelected", BLIND),
                line("runId", "r1", id(5), "MetricRecorded", METRIC)));

        assertThat(ingest.batches).extracting(Batch::stream)
                .containsExactly("game-a", "game-c", "game-b", "strategy-s1", "learning-r1");
        assertThat(response.results()).containsExactly(
                new NdjsonIngest.StreamResult("game-c", 0L, 0L, 1002, 1, 0, List.of()));
        assertThat(response.conflicts()).containsExactly(
                new NdjsonIngest.Conflict("game-a", 400, "the batch breaks a stream rule", null, List.of(
                        new Violation(4, "data.ante", "ante 1 is lower than the game's current ante 2"),
                        new Violation(null, null, "the batch as a whole"))),
                new NdjsonIngest.Conflict("game-b", 409,
                        "event id " + reused + " was already recorded with other content", null,
                        List.of(new Violation(2, "eventId", "[0].eventId: event " + reused
                                + " was already recorded at revision 5 with other content"))),
                new NdjsonIngest.Conflict("strategy-s1", 409, "the stream changed concurrently; retry", 7L, List.of()),
                new NdjsonIngest.Conflict("learning-r1", 409, "the stream changed concurrently; retry", 4L, List.of()));
    }

    // --- invalid lines: all or nothing ----------------------------------------------------------------------

    @Test
    void givenEnvelopeAndIdProblemsOnSeveralLines_whenRecorded_thenEveryOneIsListedByLineAndPathAndNothingIsRecorded() {
        InvalidRequestException refused = refused(String.join("\n",
                line("gameId", "a", id(0), "GameStarted", STARTED),
                line("gameId", "x", id(1), "GameStarted", STARTED).replace("\"gameId\": \"x\", ", ""),
                line("gameId", "b", id(2), "GameStarted", STARTED).replaceFirst("\\{", "{\"runId\": \"r1\", "),
                line("gameId", "c", id(3), "GameStarted", STARTED).replace("\"gameId\": \"c\"", "\"gameId\": 7"),
                line("gameId", "no good", id(4), "GameStarted", STARTED),
                line("gameId", "a", id(5), "BlindSelected", BLIND.replace("\"ante\": 1", "\"ante\": 0")),
                line("strategyId", "s1", id(6), "MetricRecorded", METRIC),
                line("runId", "r1", id(7), "MetricRecorded", METRIC).replace(", \"occurredAt\": \"" + T0 + "\"", ""),
                line("runId", "r1", id(8), "MetricRecorded", METRIC).replace(id(8).toString(), "nope")),
                100, 10_000);

        assertThat(refused.title()).isEqualTo("Invalid events");
        assertThat(refused.violations()).containsExactly(
                new Violation(1, null, "must name exactly one of gameId, strategyId or runId"),
                new Violation(2, null, "must name exactly one of gameId, strategyId or runId, named gameId and runId"),
                new Violation(3, "gameId", "must be a string, was number"),
                new Violation(4, "gameId", "game id 'no good' is invalid: it must match [A-Za-z0-9._-]{1,64}"),
                new Violation(5, "data.ante", "must be ≥ 1, was 0"),
                new Violation(6, "type", "unknown event type 'MetricRecorded' for a strategy stream; expected one of "
                        + String.join(", ", EventCatalog.STRATEGY.typeNames())),
                new Violation(7, "occurredAt", "is required"),
                new Violation(8, "eventId", "must be a UUID such as 3f1c2a9e-8d4b-4c7e-9a55-0b2e6f1d7c3a, was 'nope'"));
        assertThat(ingest.batches).isEmpty();
    }

    @Test
    void givenMalformedLines_whenRecorded_thenEachIsReportedWithItsLineAndTheOthersAreStillChecked() {
        InvalidRequestException refused = refused(String.join("\n",
                line("gameId", "a", id(0), "GameStarted", STARTED),
                "{\"gameId\": \"a\",}",
                line("gameId", "a", id(2), "BlindSelected", BLIND) + " {}",
                "[1, 2]",
                "\"text\"",
                line("gameId", "a", id(5), "Blind", BLIND)), 100, 10_000);

        assertThat(refused.violations()).containsExactly(
                new Violation(1, null, "malformed JSON at line 1, column 16: Unexpected character ('}' (code 125)):"
                        + " was expecting double-quote to start field name"),
                new Violation(2, null, "malformed JSON at line 1, column "
                        + (line("gameId", "a", id(2), "BlindSelected", BLIND).length() + 2)
                        + ": trailing content after the value"),
                new Violation(3, null, "must be an event envelope (a JSON object), was array"),
                new Violation(4, null, "must be an event envelope (a JSON object), was string"),
                new Violation(5, "type", "unknown event type 'Blind' for a game stream; expected one of "
                        + String.join(", ", EventCatalog.GAME.typeNames())));
        assertThat(ingest.batches).isEmpty();
    }

    @Test
    void givenOneInvalidLineAmongValidOnes_whenRecorded_thenNoStreamIsRecorded() {
        InvalidRequestException refused = refused(String.join("\n",
                line("gameId", "a", id(0), "GameStarted", STARTED),
                line("runId", "r1", id(1), "MetricRecorded", METRIC),
                line("strategyId", "s1", id(2), "StrategyRegistered", REGISTERED.replace("\"agent-1\"", "null")),
                line("gameId", "b", id(3), "GameStarted", STARTED)), 100, 10_000);

        assertThat(refused.violations()).containsExactly(new Violation(2, "data.agentId", "is required"));
        assertThat(ingest.batches).isEmpty();
    }

    // --- blank lines ----------------------------------------------------------------------------------------

    @Test
    void givenBlankLinesBetweenEnvelopes_whenRecorded_thenEachIsAProblemAtItsLine() {
        String game = line("gameId", "a", id(0), "GameStarted", STARTED);
        String run = line("runId", "r1", id(1), "MetricRecorded", METRIC);

        InvalidRequestException refused = refused("\n" + game + "\n \n\t\n" + run + "\n", 100, 10_000);

        assertThat(refused.violations()).containsExactly(
                new Violation(0, null, BLANK), new Violation(2, null, BLANK), new Violation(3, null, BLANK));
        assertThat(ingest.batches).isEmpty();
    }

    @Test
    void givenOnlyTrailingBlankLinesAndCrLfEndings_whenRecorded_thenTheyAreIgnored() throws IOException {
        NdjsonIngest.Response response = record(line("gameId", "a", id(0), "GameStarted", STARTED) + "\r\n"
                + line("gameId", "a", id(1), "BlindSelected", BLIND) + "\r\n\r\n \n\n");

        assertThat(response.results()).extracting(NdjsonIngest.StreamResult::stream).containsExactly("game-a");
        assertThat(ingest.batches).singleElement().satisfies(batch ->
                assertThat(batch.events()).extracting(IncomingEvent::eventId).containsExactly(id(0), id(1)));
    }

    @Test
    void givenABodyOfNothingButBlankLines_whenRecorded_thenItHoldsNoLines() {
        for (String body : List.of("", "\n", " \n\t\n\r\n")) {
            InvalidRequestException refused = refused(body, 100, 10_000);

            assertThat(refused.violations()).as(body)
                    .containsExactly(new Violation(null, null, "the body holds no lines"));
        }
        assertThat(ingest.batches).isEmpty();
    }

    // --- limits ---------------------------------------------------------------------------------------------

    @Test
    void givenMoreLinesThanTheLimit_whenRecorded_thenOnlyTheCountIsReportedAndNothingIsRecorded() {
        String valid = line("gameId", "a", id(0), "GameStarted", STARTED);
        String invalid = line("gameId", "a", id(1), "Blind", BLIND);

        InvalidRequestException refused = refused(String.join("\n", valid, invalid, valid, valid), 3, 10_000);

        assertThat(refused.violations()).containsExactly(
                new Violation(null, null, "the body must hold at most 3 lines, held 4"));
        assertThat(ingest.batches).isEmpty();
    }

    @Test
    void givenBlankLinesInside_whenCountingLines_thenTheyCountAndTrailingOnesDoNot() throws IOException {
        String game = line("gameId", "a", id(0), "GameStarted", STARTED);
        String blind = line("gameId", "a", id(1), "BlindSelected", BLIND);

        InvalidRequestException refused = refused(game + "\n\n\n" + blind, 3, 10_000);
        NdjsonIngest.Response accepted = ndjson.record(body(game + "\n" + blind + "\n\n\n\n"), 2, 10_000, lease(), EventTimeWindow.ANY);

        assertThat(refused.violations()).containsExactly(
                new Violation(null, null, "the body must hold at most 3 lines, held 4"));
        assertThat(accepted.results()).extracting(NdjsonIngest.StreamResult::appended).containsExactly(2);
    }

    @Test
    void givenALineOverTheByteLimit_whenRecorded_thenRefusedNamingTheLineAndNothingIsRecorded() throws IOException {
        int limit = 400;
        String atLimit = padded(line("gameId", "a", id(0), "GameStarted", STARTED), limit);
        String overLimit = padded(line("gameId", "a", id(1), "BlindSelected", BLIND), limit + 1);

        PayloadTooLargeException tooLarge = catchThrowableOfType(() -> ndjson.record(
                body(atLimit + "\n" + overLimit + "\n"), 100, limit, lease(), EventTimeWindow.ANY), PayloadTooLargeException.class);
        assertThat(ingest.batches).isEmpty();
        NdjsonIngest.Response accepted = ndjson.record(body(atLimit + "\n"), 100, limit, lease(), EventTimeWindow.ANY);

        assertThat(tooLarge).hasMessage("line 1 is longer than the limit of 400 bytes");
        assertThat(tooLarge.index()).isEqualTo(1);
        assertThat(tooLarge.limit()).isEqualTo(limit);
        assertThat(accepted.results()).extracting(NdjsonIngest.StreamResult::appended).containsExactly(1);
    }

    @Test
    void givenNoMemoryLeftInTheBodyBudget_whenRecorded_thenBusyAndNothingIsRecorded() {
        BodyBudget.Lease starved = new BodyBudget(1024).lease();

        ServiceBusyException busy = catchThrowableOfType(() -> ndjson.record(
                body(line("gameId", "a", id(0), "GameStarted", STARTED)), 100, 10_000, starved, EventTimeWindow.ANY),
                ServiceBusyException.class);

        assertThat(busy).isNotNull();
        assertThat(ingest.batches).isEmpty();
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private NdjsonIngest.Response record(String body) throws IOException {
        return ndjson.record(body(body), 100, 10_000, lease(), EventTimeWindow.ANY);
    }

    private InvalidRequestException refused(String body, int maxLines, long maxLineBytes) {
        return catchThrowableOfType(() -> ndjson.record(body(body), maxLines, maxLineBytes, lease(), EventTimeWindow.ANY),
                InvalidRequestException.class);
    }

    private static BodyBudget.Lease lease() {
        return new BodyBudget(64L << 20).lease();
    }

    private static ByteArrayInputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** One NDJSON envelope naming its stream by {@code idField}. */
    private static String line(String idField, String id, UUID eventId, String type, String data) {
        return "{\"" + idField + "\": \"" + id + "\", \"eventId\": \"" + eventId + "\", \"type\": \"" + type
                + "\", \"occurredAt\": \"" + T0 + "\", \"data\": " + data + "}";
    }

    /** The line with an ignored field that brings it to exactly {@code bytes} bytes. */
    private static String padded(String line, int bytes) {
        String field = "\"pad\": \"\", ";
        int pad = bytes - line.length() - field.length();
        assertThat(pad).isNotNegative();
        return "{\"pad\": \"" + "x".repeat(pad) + "\", " + line.substring(1);
    }

    private static List<Object> data(Batch batch) {
        return batch.events().stream().map(event -> (Object) event.data()).toList();
    }

    private static UUID id(int n) {
        return UUID.fromString("00000000-0000-4000-8000-%012d".formatted(n));
    }

    record Batch(String stream, ExpectedRevision expected, List<IncomingEvent<?>> events) {
    }

    /**
     * The ingest service as NdjsonIngest sees it: it keeps the batches it is given and answers as told per
     * stream, with a refusal, duplicates (batch indexes) or, by default, every event appended at revisions
     * from 0 and at position 1000 plus the batch's number.
     */
    private static final class FakeIngest extends IngestService {

        final List<Batch> batches = new ArrayList<>();
        final Map<String, RuntimeException> refusals = new HashMap<>();
        final Map<String, List<Integer>> duplicates = new HashMap<>();
        final Map<String, Long> lastRevisions = new HashMap<>();

        FakeIngest() {
            super(null, null, null, null, null);
        }

        @Override
        public AppendResponse recordGame(GameId gameId, ExpectedRevision expected,
                                         List<IncomingEvent<GameEvent>> events) {
            return record(gameId.streamName(), expected, events);
        }

        @Override
        public AppendResponse recordStrategy(StrategyId strategyId, ExpectedRevision expected,
                                             List<IncomingEvent<StrategyEvent>> events) {
            return record(strategyId.streamName(), expected, events);
        }

        @Override
        public AppendResponse recordMetrics(RunId runId, ExpectedRevision expected,
                                            List<IncomingEvent<LearningEvent>> events) {
            return record(runId.streamName(), expected, events);
        }

        @Override
        public long lastRevision(String stream) {
            return lastRevisions.getOrDefault(stream, -1L);
        }

        private AppendResponse record(String stream, ExpectedRevision expected,
                                      List<? extends IncomingEvent<?>> events) {
            batches.add(new Batch(stream, expected, List.copyOf(events)));
            RuntimeException refusal = refusals.get(stream);
            if (refusal != null) {
                throw refusal;
            }
            List<Integer> skipped = duplicates.getOrDefault(stream, List.of());
            int appended = events.size() - skipped.size();
            return new AppendResponse(stream, 0L, appended - 1L, 1000L + batches.size(), appended, skipped.size(),
                    skipped);
        }
    }
}
