package dev.ante.projections.strategies;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** A strategy's registration, its revisions and evaluations, and its game statistics. */
public record StrategyDetail(
        String strategyId,
        Registration registration,
        List<Revision> revisions,
        List<Evaluation> evaluations,
        Retirement retired,
        LeaderboardEntry stats) {

    /** From StrategyRegistered; null when only games have named the strategy so far. */
    public record Registration(String name, String agentId, String modelVersion, JsonNode parameters,
                               Instant registeredAt) {
    }

    /** From each StrategyRevised, in stream order. */
    public record Revision(long revision, String modelVersion, JsonNode parameters, String reason,
                           Instant occurredAt) {
    }

    /** From each StrategyEvaluated, in stream order. */
    public record Evaluation(long revision, int gamesPlayed, int wins, double avgFinalAnte, Instant occurredAt) {
    }

    /** From StrategyRetired. */
    public record Retirement(String reason, Instant retiredAt) {
    }
}
