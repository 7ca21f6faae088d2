package dev.ante.projections.summary;

import java.time.Instant;

/** One game as researchers list it; the numbers are those of the game's {@code GameState}. */
public record GameSummary(
        String gameId,
        String agentId,
        String strategyId,
        String deck,
        String stake,
        String status,
        Integer ante,
        Integer money,
        int handsPlayed,
        long bestHandScore,
        Instant startedAt,
        Instant completedAt,
        long revision) {
}
