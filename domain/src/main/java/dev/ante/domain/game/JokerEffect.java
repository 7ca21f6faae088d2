package dev.ante.domain.game;

/** One joker's contribution to a scored hand. */
public record JokerEffect(String joker, String effect, double value) {
}
