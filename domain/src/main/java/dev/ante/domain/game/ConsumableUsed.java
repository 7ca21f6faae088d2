package dev.ante.domain.game;

import dev.ante.domain.catalog.Min;
import dev.ante.domain.catalog.Opt;
import dev.ante.domain.catalog.Size;
import java.util.List;

/** A tarot, planet or spectral card was used. */
public record ConsumableUsed(
        @Min(1) int ante,
        String name,
        ConsumableType consumableType,
        @Opt @Size(max = 20) List<String> targets) implements GameEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
