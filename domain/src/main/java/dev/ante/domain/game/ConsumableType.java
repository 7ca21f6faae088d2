package dev.ante.domain.game;

/** Kinds of consumable cards. */
public enum ConsumableType {
    TAROT, PLANET, SPECTRAL
}
