package dev.ante.domain.game;

import dev.ante.domain.catalog.Min;
import dev.ante.domain.catalog.Size;
import java.util.List;

/** The shop opened with these items. */
public record ShopEntered(
        @Min(1) int ante,
        int money,
        @Size(max = 40) List<ShopItem> items,
        @Min(0) int rerollCost) implements GameEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
