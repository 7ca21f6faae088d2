package dev.ante.domain.game;

/** How a game ended. */
public enum Outcome {
    WIN, LOSS, ABANDONED
}
