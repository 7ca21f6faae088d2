package dev.ante.api.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * NDJSON ingest across streams: every line is validated before anything is written; then each
 * stream's lines are recorded as one atomic batch, in the order the stream first appears. A stream
 * whose batch breaks a rule is reported in {@code conflicts} and changes nothing; the others land.
 */
@Component
public class NdjsonIngest {

    public static final String NDJSON = "application/x-ndjson";

    private static final List<String> ID_FIELDS = List.of("gameId", "strategyId", "runId");

    private static final ExpectedRevision ANY = ExpectedRevision.any();

    /** Per-stream results and per-stream conflicts; indexes are 0-based line numbers of the body. */
    public record Response(List<StreamResult> results, List<Conflict> conflicts) {
    }

    /** An accepted stream's batch; {@code duplicateIndexes} are line indexes. */
    public record StreamResult(String stream, Long firstRevision, Long lastRevision, long position, int appended,
                               int duplicates, List<Integer> duplicateIndexes) {
    }

    /** A stream whose batch was refused; {@code actualRevision} is set for revision conflicts. */
    public record Conflict(String stream, int status, String message, Long actualRevision, List<Violation> errors) {
    }

    private record Group(EventCatalog catalog, String stream, List<IncomingEvent<Object>> events, List<Integer> lines) {
    }

    private final IngestService ingest;
    private final EnvelopeParser parser;

    public NdjsonIngest(IngestService ingest, IngestJson json) {
        this.ingest = ingest;
        this.parser = new EnvelopeParser(json.mapper());
    }

    /**
     * Reads, validates and records an NDJSON body; what is kept of it is charged to {@code lease}.
     *
     * @throws InvalidRequestException when any line is invalid; nothing is written then
     */
    public Response record(InputStream body, int maxLines, long maxLineBytes, BodyBudget.Lease lease,
                           EventTimeWindow times) throws IOException {
        Map<String, Group> groups = parse(body, maxLines, maxLineBytes, lease, times);
        List<StreamResult> results = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (Map.Entry<String, Group> entry : groups.entrySet()) {
            Group group = entry.getValue();
            try {
                AppendResponse r = append(group);
                results.add(new StreamResult(r.stream(), r.firstRevision(), r.lastRevision(), r.position(), r.appended(),
                        r.duplicates(), r.duplicateIndexes().stream().map(group.lines()::get).toList()));
            } catch (RejectedEventsException e) {
                conflicts.add(new Conflict(entry.getKey(), 400, "the batch breaks a stream rule", null,
                        e.violations().stream().map(v -> toLine(v, group)).toList()));
            } catch (EventIdConflictException e) {
                conflicts.add(new Conflict(entry.getKey(), 409, "event id " + e.eventId()
                        + " was already recorded with other content", null,
                        List.of(new Violation(group.lines().get(e.index()), "eventId", e.getMessage()))));
            } catch (WrongExpectedRevisionException | ConcurrentAppendException e) {
                conflicts.add(new Conflict(entry.getKey(), 409, "the stream changed concurrently; retry",
                        ingest.lastRevision(entry.getKey()), List.of()));
            }
        }
        return new Response(results, conflicts);
    }

    private static Violation toLine(Violation v, Group group) {
        return new Violation(v.index() == null ? null : group.lines().get(v.index()), v.field(), v.message());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private AppendResponse append(Group group) {
        return switch (group.catalog()) {
            case GAME -> ingest.recordGame(GameId.fromStreamName(group.stream()), ANY, (List) group.events());
            case STRATEGY -> ingest.recordStrategy(StrategyId.fromStreamName(group.stream()), ANY, (List) group.events());
            case LEARNING -> ingest.recordMetrics(RunId.fromStreamName(group.stream()), ANY, (List) group.events());
        };
    }

    /**
     * Reads the body line by line as it arrives; each line is parsed as a stream and only what the
     * catalogs read is kept. Blank lines are errors unless only blank lines follow them.
     */
    private Map<String, Group> parse(InputStream body, int maxLines, long maxLineBytes, BodyBudget.Lease lease,
                                     EventTimeWindow times)
            throws IOException {
        NdjsonLines lines = new NdjsonLines(body, maxLineBytes);
        BoundedJsonReader reader = new BoundedJsonReader(lease);
        List<Violation> violations = new ArrayList<>();
        List<Integer> blank = new ArrayList<>();
        Map<String, Group> groups = new LinkedHashMap<>();
        int count = 0;
        for (InputStream line = lines.next(); line != null; line = lines.next()) {
            int i = lines.index();
            JsonParser p = parser.parser(line);
            try {
                if (p.nextToken() == null) {
                    blank.add(i);
                    continue;
                }
                count = i + 1;
                if (count > maxLines) {
                    continue;
                }
                flushBlank(blank, violations);
                JsonNode node = reader.read(p, CatalogShape.ndjsonLine(), i, null, violations);
                RequestBodies.expectEnd(p, i);
                record(node, i, groups, violations, times);
            } catch (JsonProcessingException e) {
                count = i + 1;
                if (count <= maxLines) {
                    flushBlank(blank, violations);
                    violations.add(RequestBodies.malformed(e, i).violations().get(0));
                }
            } catch (InvalidRequestException e) {
                violations.addAll(e.violations());
            } finally {
                p.close();
            }
        }
        if (count == 0) {
            throw new InvalidRequestException("Invalid events", new Violation(null, null, "the body holds no lines"));
        }
        if (count > maxLines) {
            throw new InvalidRequestException("Invalid events", new Violation(null, null,
                    "the body must hold at most " + maxLines + " lines, held " + count));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("Invalid events", violations);
        }
        return groups;
    }

    private static void flushBlank(List<Integer> blank, List<Violation> violations) {
        blank.forEach(b -> violations.add(new Violation(b, null, "blank line; every line must be one event envelope")));
        blank.clear();
    }

    private void record(JsonNode node, int i, Map<String, Group> groups, List<Violation> violations,
                        EventTimeWindow times) {
        String stream = streamOf(node, i, violations);
        if (stream == null) {
            return;
        }
        EventCatalog catalog = catalogOf(stream);
        var event = parser.parseEnvelope(node, catalog, i, violations, times);
        if (event.isPresent()) {
            Group group = groups.computeIfAbsent(stream, s -> new Group(catalog, s, new ArrayList<>(), new ArrayList<>()));
            group.events().add(event.get());
            group.lines().add(i);
        }
    }

    private static EventCatalog catalogOf(String stream) {
        if (stream.startsWith(GameId.STREAM_PREFIX)) {
            return EventCatalog.GAME;
        }
        return stream.startsWith(StrategyId.STREAM_PREFIX) ? EventCatalog.STRATEGY : EventCatalog.LEARNING;
    }

    /** The stream a line targets, from exactly one of gameId / strategyId / runId. */
    private static String streamOf(JsonNode node, int index, List<Violation> out) {
        if (!node.isObject()) {
            out.add(new Violation(index, null, "must be an event envelope (a JSON object)" + RecordSchema.found(node)));
            return null;
        }
        List<String> present = ID_FIELDS.stream().filter(f -> node.hasNonNull(f)).toList();
        if (present.size() != 1) {
            out.add(new Violation(index, null, "must name exactly one of gameId, strategyId or runId"
                    + (present.isEmpty() ? "" : ", named " + String.join(" and ", present))));
            return null;
        }
        String field = present.get(0);
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            out.add(new Violation(index, field, "must be a string" + RecordSchema.found(value)));
            return null;
        }
        try {
            return switch (field) {
                case "gameId" -> GameId.of(value.textValue()).streamName();
                case "strategyId" -> StrategyId.of(value.textValue()).streamName();
                default -> RunId.of(value.textValue()).streamName();
            };
        } catch (IllegalArgumentException e) {
            out.add(new Violation(index, field, e.getMessage()));
            return null;
        }
    }
}
