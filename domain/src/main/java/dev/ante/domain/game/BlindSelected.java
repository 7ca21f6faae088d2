package dev.ante.domain.game;

import dev.ante.domain.catalog.Min;

/** The agent chose to play a blind. */
public record BlindSelected(
        @Min(1) int ante,
        BlindType blindType,
        String blindName,
        @Min(0) long chipsRequired) implements GameEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
