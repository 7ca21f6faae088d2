package dev.ante.api.ingest;

import dev.ante.api.config.AnteProperties;
import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.GameId;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.InvalidIdException;
import dev.ante.domain.RunId;
import dev.ante.domain.StrategyId;
import dev.ante.domain.Violation;
import dev.ante.domain.catalog.EventCatalog;
import dev.ante.domain.game.GameEvent;
import dev.ante.domain.learning.LearningEvent;
import dev.ante.domain.strategy.StrategyEvent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agents' write API: batches of event envelopes per stream, and NDJSON across streams. Bodies are
 * read as streams within their byte limits and pace, and what is kept of them is charged to the
 * {@link BodyBudget} until the request is answered.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "ingest", description = "Record agents' events")
public class IngestController {

    private final IngestService ingest;
    private final NdjsonIngest ndjson;
    private final EnvelopeParser parser;
    private final BodyBudget budget;
    private final AnteProperties.Ingest limits;
    private final BodyInput.Pace pace;
    private final Clock clock = Clock.systemUTC();

    public IngestController(IngestService ingest, NdjsonIngest ndjson, IngestJson json, BodyBudget budget,
                            AnteProperties properties) {
        this.ingest = ingest;
        this.ndjson = ndjson;
        this.parser = new EnvelopeParser(json.mapper());
        this.budget = budget;
        this.limits = properties.ingest();
        this.pace = new BodyInput.Pace(limits.bodyGrace(), Math.max(1, limits.minBodyRate().toBytes()));
    }

    @Operation(summary = "Append a batch of 1..1000 game events to game-<gameId>, all or nothing")
    @PostMapping(path = "/games/{gameId}/events", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public AppendResponse recordGameEvents(@PathVariable String gameId,
                                           @RequestParam(required = false) String expectedRevision,
                                           @RequestParam(required = false) String backfill,
                                           HttpServletRequest request) throws IOException {
        GameId id = id("gameId", gameId, GameId::of);
        ExpectedRevision expected = expectedRevision(expectedRevision);
        EventTimeWindow times = times(backfill);
        try (BodyBudget.Lease lease = budget.lease(); InputStream body = batchBody(request)) {
            List<IncomingEvent<GameEvent>> events =
                    parser.parseBatch(body, EventCatalog.GAME, limits.maxBatchEvents(), lease, times);
            return ingest.recordGame(id, expected, events);
        }
    }

    @Operation(summary = "Append a batch of strategy events to strategy-<strategyId>, all or nothing")
    @PostMapping(path = "/strategies/{strategyId}/events", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public AppendResponse recordStrategyEvents(@PathVariable String strategyId,
                                               @RequestParam(required = false) String expectedRevision,
                                               @RequestParam(required = false) String backfill,
                                               HttpServletRequest request) throws IOException {
        StrategyId id = id("strategyId", strategyId, StrategyId::of);
        ExpectedRevision expected = expectedRevision(expectedRevision);
        EventTimeWindow times = times(backfill);
        try (BodyBudget.Lease lease = budget.lease(); InputStream body = batchBody(request)) {
            List<IncomingEvent<StrategyEvent>> events =
                    parser.parseBatch(body, EventCatalog.STRATEGY, limits.maxBatchEvents(), lease, times);
            return ingest.recordStrategy(id, expected, events);
        }
    }

    @Operation(summary = "Append a batch of MetricRecorded events to learning-<runId>, all or nothing")
    @PostMapping(path = "/learning/{runId}/metrics", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public AppendResponse recordMetrics(@PathVariable String runId,
                                        @RequestParam(required = false) String expectedRevision,
                                        @RequestParam(required = false) String backfill,
                                        HttpServletRequest request) throws IOException {
        RunId id = id("runId", runId, RunId::of);
        ExpectedRevision expected = expectedRevision(expectedRevision);
        EventTimeWindow times = times(backfill);
        try (BodyBudget.Lease lease = budget.lease(); InputStream body = batchBody(request)) {
            List<IncomingEvent<LearningEvent>> events =
                    parser.parseBatch(body, EventCatalog.LEARNING, limits.maxBatchEvents(), lease, times);
            return ingest.recordMetrics(id, expected, events);
        }
    }

    @Operation(summary = "Append up to 10,000 NDJSON envelopes across streams; each names its gameId, strategyId or runId")
    @PostMapping(path = "/events", consumes = NdjsonIngest.NDJSON, produces = MediaType.APPLICATION_JSON_VALUE)
    public NdjsonIngest.Response recordNdjson(@RequestParam(required = false) String backfill,
                                              HttpServletRequest request) throws IOException {
        EventTimeWindow times = times(backfill);
        try (BodyBudget.Lease lease = budget.lease();
             InputStream body = RequestBodies.open(request, limits.maxNdjsonBytes().toBytes(), pace)) {
            return ndjson.record(body, limits.maxNdjsonLines(), limits.maxNdjsonLineBytes().toBytes(), lease, times);
        }
    }

    /** The times events of this request may carry: checked against the clock unless {@code ?backfill=true}. */
    private EventTimeWindow times(String backfill) {
        return EventTimeWindow.around(clock, limits.maxEventAge(), limits.maxEventLead(), backfill(backfill));
    }

    static boolean backfill(String value) {
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new InvalidRequestException("Invalid parameter", new Violation(null, "backfill",
                "must be true or false, was '" + RecordSchema.abbreviate(value) + "'"));
    }

    private InputStream batchBody(HttpServletRequest request) throws IOException {
        return RequestBodies.open(request, limits.maxBatchBytes().toBytes(), pace);
    }

    static <T> T id(String field, String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (InvalidIdException e) {
            throw new InvalidRequestException("Invalid id", new Violation(null, field, e.getMessage()));
        }
    }

    static ExpectedRevision expectedRevision(String value) {
        if (value == null) {
            return ExpectedRevision.any();
        }
        try {
            long revision = Long.parseLong(value.trim());
            if (revision >= -1) {
                return ExpectedRevision.of(revision);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException("Invalid parameter", new Violation(null, "expectedRevision",
                "must be an integer ≥ -1 (-1: the stream must not exist yet), was '"
                        + RecordSchema.abbreviate(value) + "'"));
    }
}
