package dev.ante.projections.winning;

import java.time.Instant;
import java.util.List;

/** A won game: who played it how, how far it went, its best hand and its final jokers. */
public record WinningGame(
        String gameId,
        String agentId,
        String strategyId,
        String deck,
        String stake,
        int finalAnte,
        long bestHandScore,
        List<String> jokers,
        Instant completedAt) {
}
