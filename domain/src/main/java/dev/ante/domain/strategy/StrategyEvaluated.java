package dev.ante.domain.strategy;

import dev.ante.domain.catalog.Min;

/** How the strategy did over a set of games, as the agent measured it. */
public record StrategyEvaluated(
        @Min(0) int gamesPlayed,
        @Min(0) int wins,
        @Min(0) double avgFinalAnte) implements StrategyEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
