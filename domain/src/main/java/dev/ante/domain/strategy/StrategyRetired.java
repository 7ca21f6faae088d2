package dev.ante.domain.strategy;

import dev.ante.domain.catalog.Opt;

/** The strategy is no longer used; its stream takes no more events. */
public record StrategyRetired(
        @Opt String reason) implements StrategyEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
