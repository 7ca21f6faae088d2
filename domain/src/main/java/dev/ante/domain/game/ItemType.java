package dev.ante.domain.game;

/** What kind of item was bought. */
public enum ItemType {
    JOKER, CONSUMABLE, VOUCHER, BOOSTER_PACK, PLAYING_CARD
}
