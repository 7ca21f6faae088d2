package dev.ante.domain.strategy;

/** The strategy stream's event catalog ({@code strategy-<strategyId>}). */
public sealed interface StrategyEvent permits StrategyRegistered, StrategyRevised, StrategyEvaluated, StrategyRetired {

    <R> R accept(Visitor<R> visitor);

    /** One method per event type of the catalog. */
    interface Visitor<R> {
        R visit(StrategyRegistered event);

        R visit(StrategyRevised event);

        R visit(StrategyEvaluated event);

        R visit(StrategyRetired event);
    }
}
