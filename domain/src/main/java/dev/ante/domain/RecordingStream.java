package dev.ante.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * What a stream knows of itself in order to decide a batch, folded from its recorded events. Deciding
 * changes nothing: the write path appends the fresh events the decision names and only then folds them
 * in, so a refused or failed append leaves the state as it was.
 *
 * @param <E> the stream's event catalog
 */
public interface RecordingStream<E> {

    /**
     * Splits {@code command}'s events into fresh ones and duplicates and checks the stream's rules. An event
     * whose id the stream has recorded is compared with the event {@code recorded} holds at that revision.
     *
     * @throws RejectedEventsException        when an event breaks a rule (every violation listed)
     * @throws EventIdConflictException       when an event id was recorded with other content
     * @throws WrongExpectedRevisionException when the stream is not at the expected revision
     */
    RecordingBatch<E> decide(RecordEvents<E> command, RecordedEvents recorded);

    /**
     * Folds in one recorded event, at the next revision. {@code eventId} is null for an event stored without
     * one (it cannot then be recognised as a duplicate); {@code occurredAt} may be null likewise.
     */
    void evolve(E event, UUID eventId, Instant occurredAt);

    /** The last revision folded in; -1 when the stream has no event. */
    long revision();

    /** Folds in the fresh events of {@code batch} once they are stored; returns what the batch did. */
    default AppendOutcome recorded(String stream, RecordingBatch<E> batch) {
        long before = revision();
        for (IncomingEvent<E> event : batch.fresh()) {
            evolve(event.data(), event.eventId(), event.occurredAt());
        }
        return batch.outcome(stream, before, revision());
    }
}
