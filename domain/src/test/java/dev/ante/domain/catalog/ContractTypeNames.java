package dev.ante.domain.catalog;

import java.util.List;

/**
 * The event type names the agents' contract (docs/events.md) promises, written out by hand: tests compare
 * the code against this list, never against the code itself.
 */
public final class ContractTypeNames {

    public static final List<String> GAME = List.of(
            "GameStarted", "BlindSelected", "BlindSkipped", "HandPlayed", "CardsDiscarded", "BlindDefeated",
            "ShopEntered", "ShopRerolled", "ItemPurchased", "JokerSold", "ConsumableUsed", "DecisionMade",
            "GameCompleted");

    public static final List<String> STRATEGY = List.of(
            "StrategyRegistered", "StrategyRevised", "StrategyEvaluated", "StrategyRetired");

    public static final List<String> LEARNING = List.of("MetricRecorded");

    private ContractTypeNames() {
    }
}
