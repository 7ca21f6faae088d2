package dev.ante.api;

import static dev.ante.api.Games.data;
import static dev.ante.api.Games.envelope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded random games for read-model checks: varied joker sets (with repeats and empty hands),
 * strategies, decks and stakes, and every ending — WIN, LOSS, ABANDONED, unfinished.
 */
final class RandomGames {

    static final List<String> JOKERS = List.of("Joker", "Greedy Joker", "Blueprint", "Brainstorm", "Baron",
            "Mime", "Cavendish", "Photograph");
    static final List<String> STRATEGIES = List.of("flush-hunter", "pair-spam", "econ");
    static final List<String> DECKS = List.of("Red Deck", "Blue Deck");
    static final List<String> STAKES = List.of("White", "Red");

    /** One generated game: its id and its envelopes in stream order. */
    record Game(String gameId, List<Map<String, Object>> events) {
    }

    private RandomGames() {
    }

    static List<Game> generate(String prefix, int count, long seed) {
        Random random = new Random(seed);
        List<Game> games = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            games.add(game(prefix + "-" + g, random));
        }
        return games;
    }

    private static Game game(String gameId, Random random) {
        List<Map<String, Object>> events = new ArrayList<>();
        Instant at = Instant.parse("2026-11-20T00:00:00Z").plusSeconds(random.nextInt(100_000));
        String strategy = random.nextInt(5) == 0 ? null : STRATEGIES.get(random.nextInt(STRATEGIES.size()));
        Map<String, Object> start = data("agentId", "agent-" + random.nextInt(3), "seed", "S" + random.nextInt(1000),
                "deck", DECKS.get(random.nextInt(DECKS.size())), "stake", STAKES.get(random.nextInt(STAKES.size())),
                "startingMoney", 4);
        if (strategy != null) {
            start.put("strategyId", strategy);
        }
        events.add(envelope(UUID.randomUUID(), "GameStarted", at, start));
        int antes = 1 + random.nextInt(8);
        List<String> held = new ArrayList<>();
        int money = 4;
        for (int ante = 1; ante <= antes; ante++) {
            at = at.plusSeconds(5);
            events.add(envelope(UUID.randomUUID(), "BlindSelected", at, data("ante", ante, "blindType", "SMALL",
                    "blindName", "Small Blind", "chipsRequired", 300L * ante)));
            int hands = 1 + random.nextInt(4);
            for (int h = 1; h <= hands; h++) {
                at = at.plusSeconds(3);
                List<String> jokers = new ArrayList<>(held);
                if (!jokers.isEmpty() && random.nextInt(6) == 0) {
                    jokers.add(jokers.get(0)); // a duplicate joker in one hand
                }
                long score = (long) random.nextInt(30_000);
                events.add(envelope(UUID.randomUUID(), "HandPlayed", at, data("ante", ante, "blindType", "SMALL",
                        "handNumber", h, "cards", List.of("AH", "KH"), "handType", random.nextBoolean() ? "Pair" : "Flush",
                        "jokers", jokers, "baseChips", 10, "baseMult", 2.0, "finalChips", 40, "finalMult", 3.5,
                        "finalScore", score)));
            }
            if (held.size() < 4 && random.nextBoolean()) {
                String joker = JOKERS.get(random.nextInt(JOKERS.size()));
                money = Math.max(0, money - 3);
                at = at.plusSeconds(2);
                events.add(envelope(UUID.randomUUID(), "ItemPurchased", at, data("ante", ante, "itemType", "JOKER",
                        "name", joker, "cost", 3, "moneyAfter", money)));
                held.add(joker);
            }
        }
        int ending = random.nextInt(10);
        if (ending < 8) {
            String outcome = ending < 3 ? "WIN" : ending < 7 ? "LOSS" : "ABANDONED";
            at = at.plusSeconds(1);
            events.add(envelope(UUID.randomUUID(), "GameCompleted", at, data("outcome", outcome, "finalAnte", antes,
                    "finalMoney", money, "bestHandScore", 0, "jokers", held)));
        }
        return new Game(gameId, events);
    }
}
