package dev.ante.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The wire format of the write API: a JSON array of envelopes per stream, or NDJSON lines that also name
 * their stream. Optional fields that are null are left out, as the contract allows; instants are ISO-8601.
 */
public final class EnvelopeJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EnvelopeJson() {
    }

    /** The mapper the simulator writes with. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A JSON array of the batch's envelopes, the body of {@code POST /api/v1/<stream>/events}. */
    public static byte[] array(List<Envelope> events) {
        try {
            return MAPPER.writeValueAsBytes(events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One NDJSON line per event of every batch, each naming its stream; the body of {@code POST /api/v1/events}. */
    public static byte[] ndjson(List<StreamBatch> batches) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            for (StreamBatch batch : batches) {
                for (Envelope e : batch.events()) {
                    try (JsonGenerator g = MAPPER.createGenerator(out)) {
                        g.writeStartObject();
                        g.writeStringField("eventId", e.eventId().toString());
                        g.writeStringField("type", e.type());
                        g.writeStringField("occurredAt", e.occurredAt().toString());
                        g.writeStringField(batch.stream().idField(), batch.stream().id());
                        g.writeFieldName("data");
                        MAPPER.writeValue(g, e.data());
                        g.writeEndObject();
                    }
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
