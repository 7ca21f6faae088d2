package dev.ante.domain.game;

import dev.ante.domain.catalog.Min;

/** An item was bought in the shop. */
public record ItemPurchased(
        @Min(1) int ante,
        ItemType itemType,
        String name,
        @Min(0) int cost,
        int moneyAfter) implements GameEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
