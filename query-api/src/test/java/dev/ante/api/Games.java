package dev.ante.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds agents' event envelopes as plain maps, the way an agent would send them. */
public final class Games {

    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123456Z");

    private Games() {
    }

    public static Map<String, Object> envelope(String type, Map<String, Object> data) {
        return envelope(UUID.randomUUID(), type, T0, data);
    }

    public static Map<String, Object> envelope(UUID id, String type, Instant at, Map<String, Object> data) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", id.toString());
        e.put("type", type);
        e.put("occurredAt", at.toString());
        e.put("data", data);
        return e;
    }

    public static Map<String, Object> data(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    public static Map<String, Object> started() {
        return envelope("GameStarted", data("agentId", "agent-1", "strategyId", "s-1", "seed", "ABC123",
                "deck", "Red Deck", "stake", "White", "startingMoney", 4));
    }

    public static Map<String, Object> blind(int ante, String blindType) {
        return envelope("BlindSelected", data("ante", ante, "blindType", blindType, "blindName", "Small Blind",
                "chipsRequired", 300));
    }

    public static Map<String, Object> hand(int ante, int handNumber, long score, List<String> jokers) {
        return envelope("HandPlayed", data("ante", ante, "blindType", "SMALL", "handNumber", handNumber,
                "cards", List.of("AH", "AS"), "handType", "Pair", "jokers", jokers, "baseChips", 10,
                "baseMult", 2.0, "finalChips", 32, "finalMult", 4.0, "finalScore", score, "moneyBefore", 4,
                "moneyAfter", 4));
    }

    public static Map<String, Object> completed(String outcome, int finalAnte) {
        return envelope("GameCompleted", data("outcome", outcome, "finalAnte", finalAnte, "finalMoney", 12,
                "bestHandScore", 128, "jokers", List.of("Joker")));
    }

    /** A short complete game: start, a blind, {@code hands} hands, a win. */
    public static List<Map<String, Object>> shortGame(int hands) {
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(started());
        events.add(blind(1, "SMALL"));
        for (int i = 1; i <= hands; i++) {
            events.add(hand(1, i, 100L * i, List.of("Joker", "Greedy Joker")));
        }
        events.add(completed("WIN", 1));
        return events;
    }

    public static Instant t0() {
        return T0.truncatedTo(ChronoUnit.MICROS);
    }
}
