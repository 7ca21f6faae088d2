package dev.ante.infra.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * How aggregate snapshots are written: the aggregate's own fields, as JSON. Aggregates keep their state in
 * private fields with no accessors (their state is nobody else's business), so the mapper reads and writes
 * fields only and ignores methods; records inside them (the game fold, the ledger's entries, catalog
 * events) go through their components as usual.
 *
 * <p>A snapshot is a cache of the stream, never the truth: one that no longer reads (an aggregate whose
 * fields changed between versions) fails to load and the aggregate is folded from its events instead, so
 * the format may change freely between releases. Unknown fields therefore fail the read rather than being
 * skipped, so that a snapshot is never half-applied.
 */
public final class AggregateSnapshots {

    private AggregateSnapshots() {
    }

    /** The mapper snapshots are written and read with. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .visibility(PropertyAccessor.ALL, Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, Visibility.ANY)
                .enable(MapperFeature.ALLOW_FINAL_FIELDS_AS_MUTATORS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    /** Axon's snapshot serializer over {@link #mapper()}. */
    public static Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(mapper()).build();
    }
}
