package dev.ante.domain.strategy;

import dev.ante.domain.EventLedger;
import dev.ante.domain.RecordEvents;
import dev.ante.domain.RecordedEvents;
import dev.ante.domain.RecordingBatch;
import dev.ante.domain.RecordingStream;
import dev.ante.domain.RejectedEventsException;
import dev.ante.domain.StrategyId;
import dev.ante.domain.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One strategy's stream as the write path sees it: StrategyRegistered first and once, nothing after
 * StrategyRetired, duplicates skipped, reused ids with other content a conflict.
 */
public final class Strategy implements RecordingStream<StrategyEvent> {

    private long revision = -1;
    private boolean registered;
    private boolean retired;
    private final EventLedger ledger = new EventLedger();

    @Override
    public RecordingBatch<StrategyEvent> decide(RecordEvents<StrategyEvent> command, RecordedEvents recorded) {
        RecordingBatch<StrategyEvent> batch = RecordingBatch.partition(command.stream(), command.expectedRevision(),
                revision, ledger, recorded, command.events());
        // The stream name was built from a valid id: the id is what follows the prefix.
        check(command.stream().substring(StrategyId.STREAM_PREFIX.length()), batch);
        return batch;
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

    @Override
    public void evolve(StrategyEvent event, UUID eventId, Instant occurredAt) {
        revision++;
        registered = true;
        retired = retired || event instanceof StrategyRetired;
        if (eventId != null) {
            ledger.record(eventId, revision);
        }
    }

    @Override
    public long revision() {
        return revision;
    }
}
