package dev.ante.domain.game;

import dev.ante.domain.catalog.Min;
import dev.ante.domain.catalog.Size;
import java.util.List;

/** Cards were discarded from the hand. */
public record CardsDiscarded(
        @Min(1) int ante,
        BlindType blindType,
        @Size(min = 1, max = 5) List<String> cards,
        @Min(0) int discardsLeft) implements GameEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
