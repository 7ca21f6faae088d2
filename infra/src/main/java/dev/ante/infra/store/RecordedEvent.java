package dev.ante.infra.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored event: where it is ({@code stream}, {@code revision}, global {@code position}), when it was
 * recorded, and what it is ({@code eventId}, {@code type}, JSON {@code data} and {@code metadata}).
 */
public record RecordedEvent(
        String stream,
        UUID eventId,
        String type,
        long revision,
        long position,
        Instant recordedAt,
        byte[] data,
        byte[] metadata) {
}
