package dev.ante.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Partitions one submitted batch into fresh events and duplicates before anything is applied:
 * duplicates of recorded events and repeats inside the batch itself are skipped, reused ids with other
 * content fail the whole batch. Appending the fresh events, and folding them into the stream's state once
 * stored, is left to the write path.
 *
 * @param <E> the stream's event catalog
 */
public final class RecordingBatch<E> {

    private final List<IncomingEvent<E>> fresh = new ArrayList<>();
    private final List<Integer> freshIndexes = new ArrayList<>();
    private final List<Integer> duplicateIndexes = new ArrayList<>();

    private RecordingBatch() {
    }

    /**
     * Splits {@code events} into new ones and duplicates and checks the caller's expectation, unless
     * every event is a duplicate.
     *
     * @param currentRevision the stream's last revision, -1 when it does not exist yet
     */
    public static <E> RecordingBatch<E> partition(String stream, ExpectedRevision expected, long currentRevision,
                                                  EventLedger ledger, RecordedEvents recorded,
                                                  List<IncomingEvent<E>> events) {
        RecordingBatch<E> batch = new RecordingBatch<>();
        Map<UUID, IncomingEvent<E>> inBatch = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            IncomingEvent<E> event = events.get(i);
            long revision = ledger.revisionOf(event.eventId());
            if (revision >= 0) {
                if (!sameEvent(recorded.at(revision), event, stream, revision)) {
                    throw new EventIdConflictException(i, event.eventId(), revision);
                }
                batch.duplicateIndexes.add(i);
                continue;
            }
            IncomingEvent<E> earlier = inBatch.putIfAbsent(event.eventId(), event);
            if (earlier != null) {
                if (!Objects.equals(earlier, event)) {
                    throw new RejectedEventsException(new Violation(i, "eventId",
                            "event id " + event.eventId() + " appears earlier in this batch with other content"));
                }
                batch.duplicateIndexes.add(i);
                continue;
            }
            batch.fresh.add(event);
            batch.freshIndexes.add(i);
        }
        // A batch made only of duplicates is a retry of something already recorded: like EventStoreDB's
        // idempotent appends, it succeeds whatever revision the retry still expects.
        if (!batch.fresh.isEmpty() && !expected.isMetBy(currentRevision)) {
            throw new WrongExpectedRevisionException(stream, expected, currentRevision);
        }
        return batch;
    }

    /** Whether an event that comes back is the one recorded under its id: the same time and the same data. */
    private static boolean sameEvent(RecordedEvents.Recorded recorded, IncomingEvent<?> event, String stream,
                                     long revision) {
        if (!event.eventId().equals(recorded.eventId())) {
            throw new IllegalStateException(stream + " holds event " + recorded.eventId() + " at revision " + revision
                    + ", where its ledger has " + event.eventId());
        }
        return Objects.equals(recorded.occurredAt(), event.occurredAt()) && Objects.equals(recorded.data(), event.data());
    }

    /** The events to append, in submission order. */
    public List<IncomingEvent<E>> fresh() {
        return fresh;
    }

    /** The batch index of each event in {@link #fresh()}. */
    public int indexOf(int freshPosition) {
        return freshIndexes.get(freshPosition);
    }

    public List<Integer> duplicateIndexes() {
        return duplicateIndexes;
    }

    /** The outcome once the fresh events are applied and the stream stands at {@code lastRevision}. */
    public AppendOutcome outcome(String stream, long revisionBefore, long lastRevision) {
        boolean appended = !fresh.isEmpty();
        return new AppendOutcome(stream, appended ? revisionBefore + 1 : null, appended ? lastRevision : null,
                lastRevision, fresh.size(), duplicateIndexes);
    }
}
