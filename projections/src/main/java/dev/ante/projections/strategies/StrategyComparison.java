package dev.ante.projections.strategies;

import java.util.List;

/**
 * Two strategies' win rates and their difference (docs/read-models.md, "Comparing two strategies").
 *
 * @param a          the first strategy's games (the paired ones only, when paired)
 * @param b          the second's
 * @param difference {@code a.winRate − b.winRate}; null when either has no won or lost game
 * @param ci95       the 95 % interval of the difference; null with the difference
 * @param pValue     two-sided; null with the difference
 * @param method     the test and interval used
 * @param pairs      paired comparisons: seeds both strategies completed; null when unpaired
 */
public record StrategyComparison(Side a, Side b, Double difference, List<Double> ci95, Double pValue, String method,
                                 Long pairs) {

    /** One strategy's won and lost games: {@code games = wins + losses}. */
    public record Side(String strategyId, long games, long wins, long losses, Double winRate, double wilson) {
    }
}
