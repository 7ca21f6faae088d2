package dev.ante.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * An event as an agent submitted it: its idempotency key, when it happened (kept to the microsecond)
 * and its typed data.
 *
 * @param <E> the catalog the data belongs to
 */
public record IncomingEvent<E>(UUID eventId, Instant occurredAt, E data) {

    /** Metadata key carrying the event id through Axon to the store. */
    public static final String EVENT_ID = "eventId";
    /** Metadata key carrying {@link #occurredAt()} as an ISO-8601 string. */
    public static final String OCCURRED_AT = "occurredAt";

    public IncomingEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(data, "data");
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
    }
}
