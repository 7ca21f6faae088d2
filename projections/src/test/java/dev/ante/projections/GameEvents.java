package dev.ante.projections;

import dev.ante.domain.GameId;
import dev.ante.domain.StrategyId;
import dev.ante.domain.game.BlindType;
import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.game.Outcome;
import java.time.Instant;
import java.util.List;

/**
 * Game events with only the fields a read model looks at spelled out; everything else gets a plausible
 * constant so that the tests read as the numbers that matter.
 */
public final class GameEvents {

    /** Microseconds kept, as agents send them. */
    public static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123456Z");

    private GameEvents() {
    }

    public static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    public static String game(String gameId) {
        return GameId.of(gameId).streamName();
    }

    public static String strategy(String strategyId) {
        return StrategyId.of(strategyId).streamName();
    }

    public static GameStarted started(String agentId, String strategyId, String deck, String stake) {
        return new GameStarted(agentId, strategyId, null, "SEED1234", deck, stake, 4);
    }

    public static GameStarted started(String agentId, String strategyId) {
        return started(agentId, strategyId, "Red Deck", "White Stake");
    }

    public static HandPlayed hand(long finalScore, String... jokers) {
        return hand(1, BlindType.SMALL, 1, finalScore, null, jokers);
    }

    public static HandPlayed hand(int ante, BlindType blind, int handNumber, long finalScore, Integer moneyAfter,
                                  String... jokers) {
        return new HandPlayed(ante, blind, handNumber, List.of("AS", "KS"), "Pair", List.of(jokers), 10, 2.0, null,
                finalScore, 1.0, finalScore, null, moneyAfter, null);
    }

    /** GameCompleted whose own bestHandScore is deliberately wrong: the read models must not use it. */
    public static GameCompleted completed(Outcome outcome, int finalAnte, String... jokers) {
        return new GameCompleted(outcome, finalAnte, 0, 999_999_999L, List.of(jokers));
    }
}
