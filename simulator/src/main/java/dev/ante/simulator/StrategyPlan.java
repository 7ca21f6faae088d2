package dev.ante.simulator;

import dev.ante.simulator.game.DeckType;
import dev.ante.simulator.game.Focus;
import dev.ante.simulator.game.Joker;
import dev.ante.simulator.game.PlayStyle;
import dev.ante.simulator.game.Stake;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A strategy as an agent holds it: id, name, model version, the deck and stake it plays and its play
 * style. {@link #parameters()} is what the strategy stream records, and it is exactly what steers play.
 */
record StrategyPlan(String id, String name, String modelVersion, DeckType deck, Stake stake, PlayStyle style) {

    private static final Joker.Kind[] KINDS = {Joker.Kind.CHIPS, Joker.Kind.MULT, Joker.Kind.XMULT,
        Joker.Kind.ECONOMY};

    /** A fresh strategy with parameters drawn from {@code random}. */
    static StrategyPlan random(String id, int generation, SplittableRandom random) {
        Focus focus = Focus.values()[random.nextInt(Focus.values().length)];
        Joker.Kind kind = KINDS[random.nextInt(KINDS.length)];
        PlayStyle style = new PlayStyle(focus,
                round(0.03 + random.nextDouble() * 0.27),
                5 * random.nextInt(6),
                random.nextInt(4),
                round(random.nextDouble() * 0.6),
                kind,
                round(random.nextDouble() < 0.4 ? random.nextDouble() * 0.3 : 0),
                round(0.1 + random.nextDouble() * 0.8),
                round(0.05 + random.nextDouble() * 0.35));
        double stakeRoll = random.nextDouble();
        Stake stake = stakeRoll < 0.5 ? Stake.WHITE : stakeRoll < 0.7 ? Stake.RED : stakeRoll < 0.85 ? Stake.GREEN
                : stakeRoll < 0.95 ? Stake.BLUE : Stake.PURPLE;
        DeckType deck = focus == Focus.FLUSH && random.nextBoolean() ? DeckType.CHECKERED : DeckType.random(random);
        String name = switch (focus) {
            case FLUSH -> "Flush hunter";
            case PAIRS -> "Pair grinder";
            case STRAIGHT -> "Straight runner";
            case FACES -> "Face collector";
            case ANY -> "Generalist";
        } + " (" + kind.name().toLowerCase(Locale.ROOT) + ", gen " + generation + ")";
        return new StrategyPlan(id, name, "ppo-" + generation + ".0", deck, stake, style);
    }

    StrategyPlan revised(String newModelVersion, PlayStyle newStyle) {
        return new StrategyPlan(id, name, newModelVersion, deck, stake, newStyle);
    }

    /** The parameters as recorded on the strategy stream: JSON numbers, strings and booleans. */
    Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("handFocus", style.focus().name().toLowerCase(Locale.ROOT));
        p.put("temperature", style.temperature());
        p.put("interestTarget", style.interestTarget());
        p.put("rerollBudget", style.rerollBudget());
        p.put("skipAggression", style.skipAggression());
        p.put("preferredJokerKind", style.preferredKind().name().toLowerCase(Locale.ROOT));
        p.put("llmRate", style.llmRate());
        p.put("discardEagerness", style.discardEagerness());
        p.put("abandonPropensity", style.abandonPropensity());
        p.put("deck", deck.displayName());
        p.put("stake", stake.displayName());
        return p;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
