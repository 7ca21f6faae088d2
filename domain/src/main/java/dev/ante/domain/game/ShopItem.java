package dev.ante.domain.game;

import dev.ante.domain.catalog.Min;

/** One item on offer in the shop. */
public record ShopItem(@Min(0) int slot, String itemType, String name, @Min(0) int cost) {
}
