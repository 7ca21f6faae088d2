package dev.ante.domain.game;

/** Which blind of an ante. */
public enum BlindType {
    SMALL, BIG, BOSS
}
