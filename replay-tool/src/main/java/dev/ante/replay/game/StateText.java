package dev.ante.replay.game;

import dev.ante.domain.game.DecisionMade;
import dev.ante.domain.game.GameState;
import dev.ante.domain.game.ShopEntered;
import dev.ante.domain.game.ShopItem;
import dev.ante.replay.GameReplay.Replayed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A game's state as a short summary for people; ASCII only, so that any terminal shows it. */
public final class StateText {

    private static final String NONE = "-";

    private StateText() {
    }

    /** The summary, one {@code label  value} line per aspect of the state. */
    public static String render(Replayed replayed) {
        GameState s = replayed.state();
        List<String[]> rows = new ArrayList<>();
        rows.add(row("game", replayed.game().value() + " (stream " + replayed.game().streamName() + "), revision "
                + s.revision() + " of " + replayed.lastRevision()));
        rows.add(row("status", s.status().name()));
        rows.add(row("agent", orNone(s.agentId()) + ", strategy " + orNone(s.strategyId())));
        rows.add(row("deck", orNone(s.deck()) + ", stake " + orNone(s.stake()) + ", seed " + orNone(s.seed())));
        rows.add(row("ante", orNone(s.ante()) + ", blind " + orNone(s.blindType()) + ", phase " + orNone(s.phase())));
        rows.add(row("money", s.money() == null ? NONE : "$" + s.money()));
        rows.add(row("jokers", s.jokers().isEmpty() ? "none"
                : s.jokers().size() + ": " + String.join(", ", s.jokers())));
        rows.add(row("hands", s.handsPlayed() + " played" + handTypes(s.handTypeCounts())));
        rows.add(row("best hand", number(s.bestHandScore())));
        rows.add(row("last shop", shop(s.lastShop())));
        rows.add(row("decision", decision(s.lastDecision())));
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0) + 2;
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            out.append(r[0]).append(" ".repeat(width - r[0].length())).append(r[1]).append('\n');
        }
        return out.toString();
    }

    private static String handTypes(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "";
        }
        return ": " + counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String shop(ShopEntered shop) {
        if (shop == null) {
            return NONE;
        }
        String items = shop.items().isEmpty() ? "nothing on offer" : shop.items().stream()
                .map(StateText::item).collect(Collectors.joining(", "));
        return "ante " + shop.ante() + ", $" + shop.money() + " to spend: " + items + "; reroll $" + shop.rerollCost();
    }

    private static String item(ShopItem item) {
        return item.name() + " (" + item.itemType() + ") $" + item.cost();
    }

    private static String decision(DecisionMade d) {
        if (d == null) {
            return NONE;
        }
        StringBuilder out = new StringBuilder()
                .append("ante ").append(d.ante()).append(", ").append(d.phase()).append(' ').append(d.decisionType())
                .append(": chose ").append(d.optionSelected())
                .append(" of [").append(String.join(", ", d.optionsAvailable())).append(']');
        List<String> how = new ArrayList<>();
        if (d.confidence() != null) {
            how.add(String.format(Locale.ROOT, "confidence %.2f", d.confidence()));
        }
        how.add(d.usedLlm() ? "LLM" : "no LLM");
        how.add(number(d.timeToDecisionMs()) + " ms");
        return out.append(" (").append(String.join(", ", how)).append(')').toString();
    }

    static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String orNone(Object value) {
        return value == null ? NONE : value.toString();
    }

    private static String[] row(String label, String value) {
        return new String[] {label, value};
    }
}
