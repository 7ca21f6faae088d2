package dev.ante.simulator;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ante.domain.catalog.EventCatalog;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One event as an agent posts it: idempotency key, catalog type name, when it happened and its data (a
 * catalog record of the domain).
 */
@JsonPropertyOrder({"eventId", "type", "occurredAt", "data"})
public record Envelope(UUID eventId, String type, Instant occurredAt, Object data) {

    public Envelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** An envelope whose type is the catalog name of {@code data}'s class. */
    public static Envelope of(UUID eventId, Instant occurredAt, Object data) {
        return new Envelope(eventId, EventCatalog.nameOf(data.getClass()), occurredAt, data);
    }
}
