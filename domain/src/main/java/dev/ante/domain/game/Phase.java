package dev.ante.domain.game;

/** The phases of a run in which decisions are made. */
public enum Phase {
    BLIND_SELECT, PLAYING, SHOP, PACK
}
