package dev.ante.domain.strategy;

import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.RecordEvents;
import dev.ante.domain.StrategyId;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a batch of events on one strategy's stream, all or nothing.
 *
 * @param expectedRevision what the stream must be before the batch: {@link ExpectedRevision#any()} for no check,
 *                         {@link ExpectedRevision#noStream()} when the strategy must not exist yet
 */
public record RecordStrategyEvents(StrategyId strategyId, ExpectedRevision expectedRevision,
                                   List<IncomingEvent<StrategyEvent>> events) implements RecordEvents<StrategyEvent> {

    public RecordStrategyEvents {
        Objects.requireNonNull(strategyId, "strategyId");
        Objects.requireNonNull(expectedRevision, "expectedRevision");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one event");
        }
    }

    @Override
    @TargetAggregateIdentifier
    public String stream() {
        return strategyId.streamName();
    }
}
