package dev.ante.domain.game;

/** Where a game stands. */
public enum GameStatus {
    ACTIVE, WON, LOST, ABANDONED
}
