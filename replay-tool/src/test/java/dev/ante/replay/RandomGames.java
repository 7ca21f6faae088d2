package dev.ante.replay;

import dev.ante.domain.game.BlindDefeated;
import dev.ante.domain.game.BlindSelected;
import dev.ante.domain.game.BlindSkipped;
import dev.ante.domain.game.BlindType;
import dev.ante.domain.game.CardsDiscarded;
import dev.ante.domain.game.ConsumableType;
import dev.ante.domain.game.ConsumableUsed;
import dev.ante.domain.game.DecisionMade;
import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.game.ItemPurchased;
import dev.ante.domain.game.ItemType;
import dev.ante.domain.game.JokerEffect;
import dev.ante.domain.game.JokerSold;
import dev.ante.domain.game.Outcome;
import dev.ante.domain.game.Phase;
import dev.ante.domain.game.ShopEntered;
import dev.ante.domain.game.ShopItem;
import dev.ante.domain.game.ShopRerolled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Plausible games that keep every rule of the aggregate and every bound of the catalog, drawn from a seeded
 * {@link Random} so that a failing case can be replayed. Every event type of the catalog occurs, and the
 * optional fields are sometimes null, so that the fold and the JSON see all their cases.
 */
public final class RandomGames {

    private static final List<String> DECKS = List.of("Red Deck", "Blue Deck", "Plasma Deck", "Ghost Deck");
    private static final List<String> STAKES = List.of("White Stake", "Red Stake", "Gold Stake");
    private static final List<String> HAND_TYPES = List.of("High Card", "Pair", "Two Pair", "Three of a Kind",
            "Straight", "Flush", "Full House");
    private static final List<String> JOKERS = List.of("Joker", "Greedy Joker", "Blueprint", "Baron",
            "Mime", "Cavendish", "Brainstorm");
    private static final List<String> CARDS = List.of("AH", "KS", "QD", "JC", "10H", "9S", "8D", "7C", "2H");

    private RandomGames() {
    }

    /** A game of at least {@code minEvents} events, completed with some outcome when {@code complete}. */
    public static List<GameEvent> game(Random random, int minEvents, boolean complete) {
        List<GameEvent> events = new ArrayList<>();
        int money = 4;
        List<String> jokers = new ArrayList<>();
        long best = 0;
        int ante = 1;
        events.add(new GameStarted("agent-" + random.nextInt(4), maybe(random, "strategy-" + random.nextInt(3)),
                maybe(random, "model-" + random.nextInt(9)), "SEED-" + random.nextInt(1_000_000), pick(random, DECKS),
                pick(random, STAKES), money));
        while (events.size() < minEvents) {
            for (BlindType blind : BlindType.values()) {
                if (blind != BlindType.BOSS && random.nextInt(6) == 0) {
                    events.add(new BlindSkipped(ante, blind, maybe(random, "Investment Tag")));
                    continue;
                }
                events.add(new DecisionMade(ante, Phase.BLIND_SELECT, "select_blind", List.of("play", "skip"),
                        "play", random.nextBoolean() ? random.nextInt(101) / 100.0 : null, random.nextBoolean(),
                        maybe(random, "ctx-" + random.nextInt(1000)), random.nextInt(3000)));
                long required = 300L * ante * (blind.ordinal() + 1);
                events.add(new BlindSelected(ante, blind, blind.name().charAt(0) + blind.name().substring(1)
                        .toLowerCase() + " Blind", required));
                int hands = 1 + random.nextInt(4);
                long score = 0;
                for (int hand = 1; hand <= hands; hand++) {
                    if (random.nextInt(3) == 0) {
                        events.add(new CardsDiscarded(ante, blind, cards(random), random.nextInt(4)));
                    }
                    long baseChips = 10 + random.nextInt(60);
                    double baseMult = 1 + random.nextInt(8);
                    double finalMult = baseMult + random.nextInt(40) / 4.0;
                    long finalChips = baseChips + random.nextInt(200);
                    long finalScore = (long) (finalChips * finalMult);
                    score += finalScore;
                    best = Math.max(best, finalScore);
                    Integer moneyBefore = random.nextBoolean() ? money : null;
                    if (moneyBefore != null && random.nextBoolean()) {
                        money += random.nextInt(3);
                    }
                    events.add(new HandPlayed(ante, blind, hand, cards(random), pick(random, HAND_TYPES),
                            List.copyOf(jokers), baseChips, baseMult, effects(random, jokers), finalChips, finalMult,
                            finalScore, moneyBefore, moneyBefore == null ? null : money,
                            random.nextBoolean() ? random.nextInt(5000) : null));
                }
                int reward = 3 + random.nextInt(3);
                money += reward;
                events.add(new BlindDefeated(ante, blind, score, reward, money));
                money = shop(random, events, ante, jokers, money);
            }
            ante++;
        }
        if (complete) {
            Outcome outcome = Outcome.values()[random.nextInt(Outcome.values().length)];
            events.add(new GameCompleted(outcome, Math.max(1, ante - 1) + random.nextInt(2), money, best,
                    List.copyOf(jokers)));
        }
        return events;
    }

    /** A visit to the shop; returns the money left. */
    private static int shop(Random random, List<GameEvent> events, int ante, List<String> jokers, int money) {
        List<ShopItem> items = new ArrayList<>();
        int offered = 1 + random.nextInt(3);
        for (int slot = 0; slot < offered; slot++) {
            items.add(new ShopItem(slot, random.nextBoolean() ? "JOKER" : "PLANET", pick(random, JOKERS),
                    2 + random.nextInt(6)));
        }
        events.add(new ShopEntered(ante, money, List.copyOf(items), 5));
        if (money >= 5 && random.nextInt(3) == 0) {
            money -= 5;
            events.add(new ShopRerolled(ante, 5, money));
        }
        ShopItem first = items.get(0);
        if (jokers.size() < 5 && money >= first.cost() && random.nextBoolean()) {
            money -= first.cost();
            events.add(new ItemPurchased(ante, ItemType.JOKER, first.name(), first.cost(), money));
            jokers.add(first.name());
        }
        if (!jokers.isEmpty() && random.nextInt(4) == 0) {
            String sold = jokers.remove(random.nextInt(jokers.size()));
            money += 3;
            events.add(new JokerSold(ante, sold, 3, money));
        }
        if (random.nextInt(3) == 0) {
            events.add(new ConsumableUsed(ante, "The Magician", ConsumableType.TAROT,
                    random.nextBoolean() ? List.of(pick(random, CARDS)) : null));
        }
        events.add(new DecisionMade(ante, Phase.SHOP, "leave_shop", List.of("buy", "reroll", "leave"), "leave",
                null, false, null, random.nextInt(1000)));
        return money;
    }

    private static List<JokerEffect> effects(Random random, List<String> jokers) {
        if (jokers.isEmpty() || random.nextInt(3) == 0) {
            return random.nextBoolean() ? null : List.of();
        }
        return jokers.stream().map(j -> new JokerEffect(j, "+mult", random.nextInt(20) / 2.0)).toList();
    }

    private static List<String> cards(Random random) {
        List<String> out = new ArrayList<>();
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            out.add(pick(random, CARDS));
        }
        return out;
    }

    private static String maybe(Random random, String value) {
        return random.nextInt(4) == 0 ? null : value;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
