package dev.ante.domain.game;

import dev.ante.domain.catalog.Min;
import dev.ante.domain.catalog.Size;
import java.util.List;

/** The last event of every finished game. */
public record GameCompleted(
        Outcome outcome,
        @Min(1) int finalAnte,
        int finalMoney,
        @Min(0) long bestHandScore,
        @Size(max = 20) List<String> jokers) implements GameEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
