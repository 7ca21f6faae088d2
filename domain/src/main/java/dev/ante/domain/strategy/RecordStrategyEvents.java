package dev.ante.domain.strategy;

import dev.ante.domain.IncomingEvent;
import dev.ante.domain.StrategyId;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a batch of events on one strategy's stream, all or nothing.
 *
 * @param expectedRevision null: any; -1: the strategy must not exist yet; otherwise its last revision
 */
public record RecordStrategyEvents(StrategyId strategyId, Long expectedRevision,
                                   List<IncomingEvent<StrategyEvent>> events) {

    public RecordStrategyEvents {
        Objects.requireNonNull(strategyId, "strategyId");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one event");
        }
    }

    @TargetAggregateIdentifier
    public String stream() {
        return strategyId.streamName();
    }
}
