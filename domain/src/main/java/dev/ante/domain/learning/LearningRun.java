package dev.ante.domain.learning;

import dev.ante.domain.EventLedger;
import dev.ante.domain.RecordEvents;
import dev.ante.domain.RecordedEvents;
import dev.ante.domain.RecordingBatch;
import dev.ante.domain.RecordingStream;
import java.time.Instant;
import java.util.UUID;

/** One learning run: any metric may be recorded; duplicates are skipped, reused ids with other content conflict. */
public final class LearningRun implements RecordingStream<LearningEvent> {

    private long revision = -1;
    private final EventLedger ledger = new EventLedger();

    @Override
    public RecordingBatch<LearningEvent> decide(RecordEvents<LearningEvent> command, RecordedEvents recorded) {
        return RecordingBatch.partition(command.stream(), command.expectedRevision(), revision, ledger, recorded,
                command.events());
    }

    @Override
    public void evolve(LearningEvent event, UUID eventId, Instant occurredAt) {
        revision++;
        if (eventId != null) {
            ledger.record(eventId, revision);
        }
    }

    @Override
    public long revision() {
        return revision;
    }
}
