package dev.ante.infra.codec;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored event read back into the catalog's types: where it sits in the log, when it happened and
 * was recorded, and its typed data.
 */
public record StoredEvent(
        String stream,
        long revision,
        long position,
        UUID eventId,
        String type,
        Instant occurredAt,
        Instant recordedAt,
        Object data) {
}
