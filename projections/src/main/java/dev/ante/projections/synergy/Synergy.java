package dev.ante.projections.synergy;

import java.util.List;

/**
 * One joker combination's record: hands played with it, their mean score, hands over the high-score
 * threshold, distinct games, and the wins and losses of those games (ABANDONED counts in neither).
 */
public record Synergy(
        String key,
        List<String> jokers,
        long hands,
        double avgScore,
        long highScoreHands,
        long games,
        long wins,
        long losses,
        Double winRate,
        double wilson) {
}
