package dev.ante.projections.jokers;

/**
 * One joker's line of the tier list (docs/read-models.md): shop offers, purchases and sales, and the won and
 * lost games that ended holding it.
 *
 * @param pickRate {@code bought / offered}; null when never offered
 * @param winRate  {@code wins / games}; null without games
 * @param wilson   the 95 % Wilson lower bound of the win rate
 */
public record JokerTier(String joker, long offered, long bought, Double pickRate, long sold, long games, long wins,
                        Double winRate, double wilson) {
}
