package dev.ante.domain.game;

import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Plausible game events for tests; only the fields a test cares about are parameters. */
public final class SampleGameEvents {

    private SampleGameEvents() {
    }

    public static GameStarted started() {
        return started(4);
    }

    public static GameStarted started(int startingMoney) {
        return new GameStarted("agent-7", "greedy-v2", "model-3", "SEED-42", "Red Deck", "White Stake",
                startingMoney);
    }

    public static BlindSelected blindSelected(int ante, BlindType blindType) {
        return new BlindSelected(ante, blindType, blindName(blindType), 300L * ante);
    }

    public static BlindSkipped blindSkipped(int ante, BlindType blindType) {
        return new BlindSkipped(ante, blindType, "Investment Tag");
    }

    public static HandPlayed hand(int ante, String handType, long finalScore) {
        return hand(ante, BlindType.SMALL, handType, finalScore, List.of("Joker"), null);
    }

    public static HandPlayed hand(int ante, BlindType blindType, String handType, long finalScore,
                                  List<String> jokers, Integer moneyAfter) {
        return new HandPlayed(ante, blindType, 1, List.of("AH", "AS", "KD", "KC", "2S"), handType, jokers,
                40, 3.0, List.of(new JokerEffect("Joker", "+mult", 4.0)), 70, 7.0, finalScore,
                moneyAfter == null ? null : moneyAfter - 1, moneyAfter, 850);
    }

    public static CardsDiscarded discarded(int ante, BlindType blindType) {
        return new CardsDiscarded(ante, blindType, List.of("2C", "3D"), 2);
    }

    public static BlindDefeated defeated(int ante, BlindType blindType, int moneyAfter) {
        return new BlindDefeated(ante, blindType, 420, 3, moneyAfter);
    }

    public static ShopEntered shop(int ante, int money) {
        return new ShopEntered(ante, money, List.of(new ShopItem(0, "JOKER", "Blueprint", 10),
                new ShopItem(1, "PLANET", "Jupiter", 3)), 5);
    }

    public static ShopRerolled rerolled(int ante, int moneyAfter) {
        return new ShopRerolled(ante, 5, moneyAfter);
    }

    public static ItemPurchased purchased(int ante, ItemType itemType, String name, int moneyAfter) {
        return new ItemPurchased(ante, itemType, name, 6, moneyAfter);
    }

    public static JokerSold sold(int ante, String name, int moneyAfter) {
        return new JokerSold(ante, name, 3, moneyAfter);
    }

    public static ConsumableUsed consumable(int ante) {
        return new ConsumableUsed(ante, "The Magician", ConsumableType.TAROT, List.of("AH", "KD"));
    }

    public static DecisionMade decision(int ante, Phase phase) {
        return new DecisionMade(ante, phase, "select_blind", List.of("play", "skip"), "play", 0.82, true,
                "ctx-9f2", 1200);
    }

    public static GameCompleted completed(Outcome outcome, int finalAnte, int finalMoney, List<String> jokers) {
        return new GameCompleted(outcome, finalAnte, finalMoney, 12_000, jokers);
    }

    /** One event of every type of the catalog, in a plausible stream order. */
    public static List<GameEvent> oneOfEach() {
        return List.of(
                started(),
                blindSkipped(1, BlindType.SMALL),
                blindSelected(1, BlindType.BIG),
                discarded(1, BlindType.BIG),
                hand(1, "Pair", 480),
                defeated(1, BlindType.BIG, 12),
                shop(1, 12),
                rerolled(1, 7),
                purchased(1, ItemType.JOKER, "Blueprint", 1),
                sold(1, "Joker", 4),
                consumable(1),
                decision(1, Phase.SHOP),
                completed(Outcome.LOSS, 1, 4, List.of("Blueprint")));
    }

    /** Every event type that carries {@code data.ante}, built at a given ante, named for reports. */
    public static Stream<Arguments> atAnte() {
        return Stream.of(
                named("BlindSelected", ante -> blindSelected(ante, BlindType.BIG)),
                named("BlindSkipped", ante -> blindSkipped(ante, BlindType.BIG)),
                named("HandPlayed", ante -> hand(ante, "Flush", 900)),
                named("CardsDiscarded", ante -> discarded(ante, BlindType.BIG)),
                named("BlindDefeated", ante -> defeated(ante, BlindType.BIG, 20)),
                named("ShopEntered", ante -> shop(ante, 20)),
                named("ShopRerolled", ante -> rerolled(ante, 15)),
                named("ItemPurchased", ante -> purchased(ante, ItemType.VOUCHER, "Overstock", 9)),
                named("JokerSold", ante -> sold(ante, "Joker", 12)),
                named("ConsumableUsed", ante -> consumable(ante)),
                named("DecisionMade", ante -> decision(ante, Phase.SHOP)));
    }

    private static Arguments named(String type, IntFunction<GameEvent> atAnte) {
        return Arguments.of(type, atAnte);
    }

    private static String blindName(BlindType blindType) {
        return switch (blindType) {
            case SMALL -> "Small Blind";
            case BIG -> "Big Blind";
            case BOSS -> "The Hook";
        };
    }
}
