package dev.ante.domain.game;

import dev.ante.domain.catalog.Min;

/** The shop was rerolled. */
public record ShopRerolled(
        @Min(1) int ante,
        @Min(0) int cost,
        int moneyAfter) implements GameEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
