package dev.ante.infra.store;

import java.time.Instant;

/**
 * An append as it committed: its result, the position of its first event (the others follow it one by one) and
 * the time the store recorded them at. Handed over by stores whose appends take consecutive positions.
 */
public record CommittedAppend(AppendResult result, long firstPosition, Instant recordedAt) {

    public CommittedAppend {
        if (firstPosition > result.lastPosition()
                || result.lastPosition() - firstPosition != result.lastRevision() - result.firstRevision()) {
            throw new IllegalArgumentException("positions " + firstPosition + ".." + result.lastPosition()
                    + " do not match revisions " + result.firstRevision() + ".." + result.lastRevision());
        }
    }

    /** The stored form of the append's {@code index}th event, given the event as it was appended. */
    public RecordedEvent recorded(int index, NewEvent event) {
        return new RecordedEvent(result.stream(), event.eventId(), event.type(), result.firstRevision() + index,
                firstPosition + index, recordedAt, event.data(), event.metadata());
    }
}
