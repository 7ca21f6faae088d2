package dev.ante.api.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.IsoInstants;
import dev.ante.domain.Violation;
import dev.ante.domain.catalog.EventCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the agents' envelopes ({@code eventId}, {@code type}, {@code occurredAt}, {@code data}) into
 * typed events of one catalog, collecting every problem with its index and field path.
 */
public final class EnvelopeParser {


    private final ObjectMapper mapper;
    private final JsonFactory factory;

    public EnvelopeParser(ObjectMapper mapper) {
        this.mapper = mapper;
        this.factory = RequestBodies.streamingFactory(mapper);
    }

    /** A streaming parser with the strict mapper's settings, for one body or NDJSON line. */
    JsonParser parser(InputStream in) throws IOException {
        return factory.createParser(in);
    }

    /**
     * Reads a JSON array of 1..{@code maxEvents} envelopes of {@code catalog} from a stream, keeping only
     * what the catalog reads and charging it to {@code lease}.
     *
     * @throws InvalidRequestException listing every problem; nothing is returned unless all are valid. A
     *                                 malformed body is reported alone, as is a wrong number of events
     */
    public <E> List<IncomingEvent<E>> parseBatch(InputStream body, EventCatalog catalog, int maxEvents,
                                                 BodyBudget.Lease lease, EventTimeWindow times) throws IOException {
        BoundedJsonReader reader = new BoundedJsonReader(lease);
        CatalogShape shape = CatalogShape.envelope(catalog);
        List<Violation> violations = new ArrayList<>();
        List<IncomingEvent<E>> events = new ArrayList<>();
        int held = 0;
        try (JsonParser p = factory.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw RequestBodies.empty(null);
            }
            if (first != JsonToken.START_ARRAY) {
                p.skipChildren();
                RequestBodies.expectEnd(p, null);
                throw new InvalidRequestException("Invalid events", new Violation(null, null,
                        "the body must be a JSON array of event envelopes, was " + RequestBodies.kind(first)));
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (held < maxEvents) {
                    JsonNode node = reader.read(p, shape, held, null, violations);
                    this.<E>parseEnvelope(node, catalog, held, violations, times).ifPresent(events::add);
                } else {
                    p.skipChildren();
                }
                held++;
            }
            RequestBodies.expectEnd(p, null);
        } catch (JsonProcessingException e) {
            throw RequestBodies.malformed(e, null);
        }
        if (held == 0 || held > maxEvents) {
            throw new InvalidRequestException("Invalid events", new Violation(null, null,
                    "the body must hold 1 to " + maxEvents + " events, held " + held));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("Invalid events", violations);
        }
        return events;
    }

    /**
     * Parses one envelope; adds its problems to {@code out} and returns the event only when it has none. Its
     * {@code occurredAt} must fall in {@code times}.
     */
    @SuppressWarnings("unchecked")
    public <E> Optional<IncomingEvent<E>> parseEnvelope(JsonNode node, EventCatalog catalog, int index,
                                                        List<Violation> out, EventTimeWindow times) {
        if (node == null || !node.isObject()) {
            out.add(new Violation(index, null, "must be an event envelope (a JSON object)" + RecordSchema.found(node)));
            return Optional.empty();
        }
        int before = out.size();
        UUID eventId = eventId(node.get("eventId"), index, out);
        Instant occurredAt = occurredAt(node.get("occurredAt"), index, out);
        if (occurredAt != null) {
            times.check(occurredAt, index, out);
        }
        Class<?> type = type(node.get("type"), catalog, index, out);
        JsonNode data = node.get("data");
        if (data == null || data.isNull()) {
            out.add(new Violation(index, "data", "is required"));
        } else if (type != null) {
            RecordSchema.check(data, type, index, "data", out);
        } else if (!data.isObject()) {
            out.add(new Violation(index, "data", "must be a JSON object" + RecordSchema.found(data)));
        }
        if (out.size() > before) {
            return Optional.empty();
        }
        try {
            E payload = (E) mapper.treeToValue(data, type);
            return Optional.of(new IncomingEvent<>(eventId, occurredAt, payload));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // The schema check should have caught this; report rather than fail the request.
            out.add(new Violation(index, "data", "cannot be read as " + type.getSimpleName() + ": "
                    + e.getMessage().lines().findFirst().orElse("")));
            return Optional.empty();
        }
    }

    private static UUID eventId(JsonNode node, int index, List<Violation> out) {
        if (node == null || node.isNull()) {
            out.add(new Violation(index, "eventId", "is required"));
        } else if (!node.isTextual() || !isUuidText(node.textValue())) {
            out.add(new Violation(index, "eventId", "must be a UUID such as 3f1c2a9e-8d4b-4c7e-9a55-0b2e6f1d7c3a"
                    + (node.isTextual() ? ", was '" + RecordSchema.abbreviate(node.textValue()) + "'" : RecordSchema.found(node))));
        } else {
            return UUID.fromString(node.textValue());
        }
        return null;
    }

    /** Whether {@code text} is a UUID in its canonical form: 8-4-4-4-12 hexadecimal digits, either case. */
    static boolean isUuidText(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23
                    ? c == '-'
                    : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Instant occurredAt(JsonNode node, int index, List<Violation> out) {
        if (node == null || node.isNull()) {
            out.add(new Violation(index, "occurredAt", "is required"));
            return null;
        }
        if (node.isTextual()) {
            try {
                return IsoInstants.parseAny(node.textValue());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        out.add(new Violation(index, "occurredAt", "must be an ISO-8601 instant such as 2026-11-23T10:15:30.123456Z"
                + (node.isTextual() ? ", was '" + RecordSchema.abbreviate(node.textValue()) + "'" : RecordSchema.found(node))));
        return null;
    }

    private static Class<?> type(JsonNode node, EventCatalog catalog, int index, List<Violation> out) {
        if (node == null || node.isNull()) {
            out.add(new Violation(index, "type", "is required"));
            return null;
        }
        if (!node.isTextual()) {
            out.add(new Violation(index, "type", "must be a string" + RecordSchema.found(node)));
            return null;
        }
        Optional<Class<?>> type = catalog.typeNamed(node.textValue());
        if (type.isEmpty()) {
            out.add(new Violation(index, "type", "unknown event type '" + RecordSchema.abbreviate(node.textValue())
                    + "' for a " + catalog.name().toLowerCase() + " stream; expected one of "
                    + String.join(", ", catalog.typeNames())));
            return null;
        }
        return type.get();
    }
}
