package dev.ante.domain.game;

import dev.ante.domain.catalog.Min;

/** A joker was sold. */
public record JokerSold(
        @Min(1) int ante,
        String name,
        @Min(0) int sellValue,
        int moneyAfter) implements GameEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
