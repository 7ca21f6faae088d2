package dev.ante.domain.strategy;

import dev.ante.domain.catalog.Opt;
import java.util.Map;

/** A strategy and the parameters it starts with; the first event of its stream. */
public record StrategyRegistered(
        String name,
        String agentId,
        @Opt String modelVersion,
        Map<String, Object> parameters) implements StrategyEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
