package dev.ante.domain.strategy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ante.domain.AppendOutcome;
import dev.ante.domain.EventLedger;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.RecordingBatch;
import dev.ante.domain.RejectedEventsException;
import dev.ante.domain.Violation;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One strategy, identified by its stream name: StrategyRegistered first and once, nothing after
 * StrategyRetired, duplicates skipped, reused ids with other content a conflict.
 */
public class Strategy {

    @AggregateIdentifier
    private String stream;
    private long revision = -1;
    private boolean registered;
    private boolean retired;
    private final EventLedger ledger = new EventLedger();

    protected Strategy() {
        // required by Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AppendOutcome handle(RecordStrategyEvents command) {
        String target = command.stream();
        long before = revision;
        RecordingBatch<StrategyEvent> batch =
                RecordingBatch.partition(target, command.expectedRevision(), before, ledger, command.events());
        check(command.strategyId().value(), batch);
        if (stream == null) {
            stream = target;
        }
        for (IncomingEvent<StrategyEvent> event : batch.fresh()) {
            apply(event.data(), RecordingBatch.metaData(event));
        }
        return batch.outcome(target, before, revision);
    }

    private void check(String strategyId, RecordingBatch<StrategyEvent> batch) {
        List<Violation> violations = new ArrayList<>();
        boolean isRegistered = registered;
        boolean isRetired = retired;
        for (int i = 0; i < batch.fresh().size(); i++) {
            int index = batch.indexOf(i);
            StrategyEvent event = batch.fresh().get(i).data();
            String type = event.getClass().getSimpleName();
            boolean isRegistration = event instanceof StrategyRegistered;
            if (isRetired) {
                violations.add(new Violation(index, "type", "strategy " + strategyId
                        + " is retired; no event may follow StrategyRetired, got " + type));
            } else if (!isRegistered && !isRegistration) {
                violations.add(new Violation(index, "type",
                        "the first event of strategy " + strategyId + " must be StrategyRegistered, got " + type));
            } else if (isRegistered && isRegistration) {
                violations.add(new Violation(index, "type", "strategy " + strategyId
                        + " is already registered; StrategyRegistered may occur only once"));
            } else {
                isRegistered = true;
                isRetired = event instanceof StrategyRetired;
            }
        }
        if (!violations.isEmpty()) {
            throw new RejectedEventsException(violations);
        }
    }

    @EventSourcingHandler
    void on(StrategyEvent event, @SourceId String sourceId,
            @MetaDataValue(IncomingEvent.EVENT_ID) String eventId,
            @MetaDataValue(IncomingEvent.OCCURRED_AT) String occurredAt) {
        if (stream == null) {
            stream = sourceId;
        }
        revision++;
        registered = true;
        retired = retired || event instanceof StrategyRetired;
        ledger.recordStored(eventId, revision, occurredAt, event);
    }

    public long revision() {
        return revision;
    }
}
