package dev.ante.domain.game;

/**
 * The game stream's event catalog ({@code game-<gameId>}). The {@link Visitor} makes every switch over
 * the catalog exhaustive: adding an event type breaks the build until every visitor handles it.
 */
public sealed interface GameEvent
        permits GameStarted, BlindSelected, BlindSkipped, HandPlayed, CardsDiscarded, BlindDefeated,
        ShopEntered, ShopRerolled, ItemPurchased, JokerSold, ConsumableUsed, DecisionMade, GameCompleted {

    <R> R accept(Visitor<R> visitor);

    /** One method per event type of the catalog. */
    interface Visitor<R> {
        R visit(GameStarted event);

        R visit(BlindSelected event);

        R visit(BlindSkipped event);

        R visit(HandPlayed event);

        R visit(CardsDiscarded event);

        R visit(BlindDefeated event);

        R visit(ShopEntered event);

        R visit(ShopRerolled event);

        R visit(ItemPurchased event);

        R visit(JokerSold event);

        R visit(ConsumableUsed event);

        R visit(DecisionMade event);

        R visit(GameCompleted event);
    }
}
