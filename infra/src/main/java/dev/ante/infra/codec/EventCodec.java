package dev.ante.infra.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.IsoInstants;
import dev.ante.domain.catalog.EventCatalog;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.RecordedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns stored events back into catalog records without Axon, so that the API's raw reads and the
 * replay tool see exactly what the aggregates saw. The stored data is the record's own JSON, so one
 * plain Jackson mapper reads what Axon's Jackson serializer wrote; in the platform that serializer is
 * built over this codec's mapper, so events are written and read with the same one.
 */
public final class EventCodec {

    private static final byte[] OCCURRED_AT_OPEN =
            ("{\"" + IncomingEvent.OCCURRED_AT + "\":\"").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OCCURRED_AT_CLOSE = "\"}".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper mapper;

    public EventCodec() {
        this(defaultMapper());
    }

    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The mapper settings of stored events: the codec's, and the event serializer's built over it. */
    public static ObjectMapper defaultMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule("short-strings").addDeserializer(String.class, new SharedStrings()))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /**
     * Jackson's strings, with short ones taken from {@link ShortStrings#SHARED}: read straight from the parser's
     * characters when it has them, so a name read again makes no new string at all. Anything but a JSON string
     * is read as Jackson reads it.
     */
    static final class SharedStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return ShortStrings.SHARED.read(p);
            }
            return super.deserialize(p, ctxt);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * A catalog event as the store keeps it: its catalog type name, its record's JSON, and as metadata the
     * agent's time alone, {@code {"occurredAt":"<ISO-8601>"}} (the event id has a column of its own).
     */
    public NewEvent encode(UUID eventId, Instant occurredAt, Object data) {
        try {
            return new NewEvent(eventId, EventCatalog.nameOf(data.getClass()), mapper.writeValueAsBytes(data),
                    occurredAtMetadata(occurredAt));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + data.getClass().getSimpleName(), e);
        }
    }

    /** The metadata of an event recorded by the write API: only the agent's time. */
    public static byte[] occurredAtMetadata(Instant occurredAt) {
        return occurredAtMetadata(occurredAt.getEpochSecond(), occurredAt.getNano());
    }

    /**
     * {@link #occurredAtMetadata(Instant)} of the instant {@code epochSecond} and {@code nano}, written straight
     * into its bytes (the instant's text as {@link Instant#toString} gives it; an instant's text holds digits,
     * '-', ':', '.', 'T' and 'Z' only, so there is nothing to escape).
     */
    public static byte[] occurredAtMetadata(long epochSecond, int nano) {
        byte[] out = new byte[OCCURRED_AT_OPEN.length + IsoInstants.asciiLength(nano) + OCCURRED_AT_CLOSE.length];
        System.arraycopy(OCCURRED_AT_OPEN, 0, out, 0, OCCURRED_AT_OPEN.length);
        int end = IsoInstants.writeAscii(epochSecond, nano, out, OCCURRED_AT_OPEN.length);
        if (end >= 0) {
            System.arraycopy(OCCURRED_AT_CLOSE, 0, out, end, OCCURRED_AT_CLOSE.length);
            return out;
        }
        // A year of more or fewer than four digits: the JDK's text, which has a sign.
        String text = Instant.ofEpochSecond(epochSecond, nano).toString();
        return ("{\"" + IncomingEvent.OCCURRED_AT + "\":\"" + text + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The agent's time as the event's metadata holds it; empty when it holds none (events recorded before
     * the write API kept it, or written by other tools).
     */
    public Optional<Instant> agentTime(RecordedEvent event) {
        JsonNode occurred = metadataTree(event).get(IncomingEvent.OCCURRED_AT);
        return occurred != null && occurred.isTextual()
                ? Optional.of(IsoInstants.parseAny(occurred.asText())) : Optional.empty();
    }

    /** Decodes one stored event into its catalog record. */
    public StoredEvent decode(RecordedEvent event) {
        return new StoredEvent(event.stream(), event.revision(), event.position(), event.eventId(), event.type(),
                occurredAt(event), event.recordedAt(), data(event));
    }

    /** Decodes only a stored event's data into its catalog record. */
    public Object data(RecordedEvent event) {
        Class<?> type = EventCatalog.classOf(event.type()).orElseThrow(() -> new IllegalStateException(
                "stored event " + event.eventId() + " in " + event.stream() + " has unknown type " + event.type()));
        try {
            return mapper.readValue(event.data(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode event " + event.eventId() + " of " + event.stream(), e);
        }
    }

    /** The raw JSON tree of a stored event's data, as the agent's fields. */
    public JsonNode dataTree(RecordedEvent event) {
        return readTree(event.data());
    }

    /** The raw JSON tree of a stored event's metadata. */
    public JsonNode metadataTree(RecordedEvent event) {
        return readTree(event.metadata());
    }

    /** When the event happened per the agent, or when it was recorded if the agent's time is absent. */
    public Instant occurredAt(RecordedEvent event) {
        return agentTime(event).orElse(event.recordedAt());
    }

    private JsonNode readTree(byte[] json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("stored JSON is unreadable", e);
        }
    }
}
