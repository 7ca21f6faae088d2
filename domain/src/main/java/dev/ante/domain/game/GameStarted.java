package dev.ante.domain.game;

import dev.ante.domain.catalog.Min;
import dev.ante.domain.catalog.Opt;

/** The first event of every game. */
public record GameStarted(
        String agentId,
        @Opt String strategyId,
        @Opt String modelVersion,
        String seed,
        String deck,
        String stake,
        @Min(0) int startingMoney) implements GameEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
