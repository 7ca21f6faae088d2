package dev.ante.domain.learning;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ante.domain.AppendOutcome;
import dev.ante.domain.EventLedger;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.RecordingBatch;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** One learning run: any metric may be recorded; duplicates are skipped, reused ids with other content conflict. */
public class LearningRun {

    @AggregateIdentifier
    private String stream;
    private long revision = -1;
    private final EventLedger ledger = new EventLedger();

    protected LearningRun() {
        // required by Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AppendOutcome handle(RecordMetrics command) {
        String target = command.stream();
        long before = revision;
        RecordingBatch<LearningEvent> batch =
                RecordingBatch.partition(target, command.expectedRevision(), before, ledger, command.events());
        if (stream == null) {
            stream = target;
        }
        for (IncomingEvent<LearningEvent> event : batch.fresh()) {
            apply(event.data(), RecordingBatch.metaData(event));
        }
        return batch.outcome(target, before, revision);
    }

    @EventSourcingHandler
    void on(LearningEvent event, @SourceId String sourceId,
            @MetaDataValue(IncomingEvent.EVENT_ID) String eventId,
            @MetaDataValue(IncomingEvent.OCCURRED_AT) String occurredAt) {
        if (stream == null) {
            stream = sourceId;
        }
        revision++;
        ledger.recordStored(eventId, revision, occurredAt, event);
    }

    public long revision() {
        return revision;
    }
}
