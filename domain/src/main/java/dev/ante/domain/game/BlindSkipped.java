package dev.ante.domain.game;

import dev.ante.domain.catalog.Min;
import dev.ante.domain.catalog.Opt;

/** The agent skipped a blind, possibly for a tag. */
public record BlindSkipped(
        @Min(1) int ante,
        BlindType blindType,
        @Opt String tag) implements GameEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
