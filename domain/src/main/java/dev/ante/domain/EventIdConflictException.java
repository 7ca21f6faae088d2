package dev.ante.domain;

import java.util.UUID;

/**
 * An event id already recorded in the stream, submitted again with other content. Nothing of the
 * batch is recorded.
 */
public class EventIdConflictException extends RuntimeException {

    private final int index;
    private final UUID eventId;
    private final long recordedRevision;

    public EventIdConflictException(int index, UUID eventId, long recordedRevision) {
        super("[" + index + "].eventId: event " + eventId + " was already recorded at revision "
                + recordedRevision + " with other content");
        this.index = index;
        this.eventId = eventId;
        this.recordedRevision = recordedRevision;
    }

    public int index() {
        return index;
    }

    public UUID eventId() {
        return eventId;
    }

    public long recordedRevision() {
        return recordedRevision;
    }
}
