package dev.ante.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The event ids a stream has recorded, with a digest of what they carried ({@link ContentDigest}), so that
 * a retried event is recognised as a duplicate and a reused id with other content as a conflict. Only the
 * digest is kept, not the event: a ledger costs about a hundred bytes per event, whatever the events hold.
 */
public final class EventLedger {

    private record Entry(long revision, Instant occurredAt, ContentDigest content) {
    }

    private final Map<UUID, Entry> seen = new HashMap<>();

    /** Remembers that {@code eventId} was recorded at {@code revision}. */
    public void record(UUID eventId, long revision, Instant occurredAt, Object data) {
        seen.put(eventId, new Entry(revision, occurredAt, ContentDigest.of(data)));
    }

    /**
     * True when {@code event} was already recorded with the same content.
     *
     * @throws EventIdConflictException when its id was recorded with other content
     */
    public boolean isDuplicate(int index, IncomingEvent<?> event) {
        Entry entry = seen.get(event.eventId());
        if (entry == null) {
            return false;
        }
        if (Objects.equals(entry.occurredAt(), event.occurredAt()) && entry.content().equals(ContentDigest.of(event.data()))) {
            return true;
        }
        throw new EventIdConflictException(index, event.eventId(), entry.revision());
    }
}
