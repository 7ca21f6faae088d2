package dev.ante.infra.store;

import java.util.Objects;
import java.util.UUID;

/**
 * An event to append: its id (the idempotency key), its type name and its JSON data and metadata.
 */
public record NewEvent(UUID eventId, String type, byte[] data, byte[] metadata) {
    public NewEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        metadata = metadata == null ? new byte[] {'{', '}'} : metadata;
    }
}
