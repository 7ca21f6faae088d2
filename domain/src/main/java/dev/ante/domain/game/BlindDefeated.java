package dev.ante.domain.game;

import dev.ante.domain.catalog.Min;

/** A blind was beaten. */
public record BlindDefeated(
        @Min(1) int ante,
        BlindType blindType,
        @Min(0) long score,
        @Min(0) int reward,
        int moneyAfter) implements GameEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
