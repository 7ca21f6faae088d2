package dev.ante.projections.strategies;

/**
 * One strategy's results over the games that named it in GameStarted, with its name and model version
 * from its strategy stream.
 */
public record LeaderboardEntry(
        String strategyId,
        String name,
        String modelVersion,
        long games,
        long completed,
        long wins,
        long losses,
        Double winRate,
        double wilson,
        Double avgFinalAnte,
        long bestHandScore) {
}
