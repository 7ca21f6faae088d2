package dev.ante.simulator.game;

import dev.ante.domain.game.ConsumableType;
import dev.ante.domain.game.ConsumableUsed;
import dev.ante.domain.game.Phase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Booster packs, planets, tarots and spectral cards: opening a pack and picking from it, and what each
 * consumable does to the hand levels, the deck, the money and the jokers.
 */
final class Consumables {

    static final String[] TAROTS = {"The Star", "The Moon", "The Sun", "The World", "Strength",
        "The Hanged Man", "Death", "The Empress", "The Hierophant", "Justice", "The Lovers", "The Hermit",
        "Temperance", "The High Priestess"};
    private static final String[] SPECTRALS = {"Sigil", "Immolate", "Black Hole"};
    static final HandType[] PLANET_TYPES = {HandType.HIGH_CARD, HandType.PAIR, HandType.TWO_PAIR,
        HandType.THREE_OF_A_KIND, HandType.STRAIGHT, HandType.FLUSH, HandType.FULL_HOUSE, HandType.FOUR_OF_A_KIND,
        HandType.STRAIGHT_FLUSH};

    private final RunState run;
    private final GameRecorder recorder;
    private final AgentPolicy policy;

    Consumables(RunState run, GameRecorder recorder, AgentPolicy policy) {
        this.run = run;
        this.recorder = recorder;
        this.policy = policy;
    }

    void openPack(String pack) {
        List<String> options = new ArrayList<>(3);
        switch (pack) {
            case "Celestial Pack" -> {
                for (int i = 0; i < 3; i++) {
                    options.add(run.random.nextInt(100) < 2 ? "Black Hole"
                            : PLANET_TYPES[run.random.nextInt(PLANET_TYPES.length)].planet());
                }
                if (run.vouchers.contains(Voucher.TELESCOPE)) {
                    options.set(0, run.mostPlayed().planet());
                }
            }
            case "Arcana Pack" -> {
                for (int i = 0; i < 3; i++) {
                    options.add(run.random.nextInt(100) < 4 ? SPECTRALS[run.random.nextInt(2)]
                            : TAROTS[run.random.nextInt(TAROTS.length)]);
                }
            }
            default -> {
                for (int i = 0; i < 3; i++) {
                    options.add(new Card(2 + run.random.nextInt(13), "SHDC".charAt(run.random.nextInt(4))).toString());
                }
            }
        }
        double[] values = new double[options.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = policy.packValue(pack, options.get(i));
        }
        double max = java.util.Arrays.stream(values).max().orElse(0);
        double t = 0.08 + run.style.temperature() * 0.4;
        double[] weights = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            weights[i] = Math.exp((values[i] - max) / t);
            sum += weights[i];
        }
        int pick = run.pickIndex(weights, sum);
        String chosen = options.get(pick);
        recorder.decision(Phase.PACK, "pick_card", options.stream().distinct().toList(), chosen, weights[pick] / sum,
                recorder.usesLlm(), "pack:" + pack);
        switch (pack) {
            case "Celestial Pack" -> usePlanet(chosen);
            case "Arcana Pack" -> useTarot(chosen, drawForTargets());
            default -> run.deck.add(RunState.parseCard(chosen));
        }
    }

    void usePlanet(String name) {
        if (name.equals("Black Hole")) {
            for (int i = 0; i < run.levels.length; i++) {
                run.levels[i]++;
            }
            recorder.emit(new ConsumableUsed(run.ante, name, ConsumableType.SPECTRAL, null), 700);
            return;
        }
        HandType type = HandType.ofPlanet(name);
        run.levels[type.ordinal()]++;
        for (JokerSlot slot : run.jokers) {
            if (slot.joker() == Joker.CONSTELLATION) {
                slot.counter(slot.counter() + 0.1);
            }
        }
        recorder.emit(new ConsumableUsed(run.ante, name, ConsumableType.PLANET, null), 700);
    }

    /** Positions in the deck of a hand drawn to choose a tarot's targets from. */
    List<Integer> drawForTargets() {
        List<Integer> positions = new ArrayList<>(run.deck.size());
        for (int i = 0; i < run.deck.size(); i++) {
            positions.add(i);
        }
        run.shuffle(positions);
        return new ArrayList<>(positions.subList(0, Math.min(RunState.BASE_HAND_SIZE, positions.size())));
    }

    void useTarot(String name, List<Integer> drawn) {
        char main = RunState.mostCommonSuit(run.deck);
        List<Integer> targets = new ArrayList<>();
        ConsumableType kind = ConsumableType.TAROT;
        switch (name) {
            case "The Star", "The Moon", "The Sun", "The World" -> {
                char suit = switch (name) {
                    case "The Star" -> 'D';
                    case "The Moon" -> 'C';
                    case "The Sun" -> 'H';
                    default -> 'S';
                };
                for (int p : drawn) {
                    if (targets.size() < 3 && run.deck.get(p).suit() != suit) {
                        targets.add(p);
                    }
                }
                targets.forEach(p -> run.deck.set(p, run.deck.get(p).withSuit(suit)));
            }
            case "Strength" -> {
                pickTargets(drawn, targets, 2, Comparator.comparingInt(p -> -run.deck.get(p).rank()));
                targets.forEach(p -> run.deck.set(p, run.deck.get(p).withRank(run.deck.get(p).rank() == 14 ? 2
                        : run.deck.get(p).rank() + 1)));
            }
            case "The Hanged Man" -> {
                pickTargets(drawn, targets, 2, Comparator.comparingInt(p -> run.deck.get(p).chips()));
                targets.sort(Comparator.reverseOrder());
            }
            case "Death" -> {
                pickTargets(drawn, targets, 2, Comparator.comparingInt(p -> run.deck.get(p).chips()));
                if (targets.size() == 2) {
                    run.deck.set(targets.get(0), run.deck.get(drawn.get(drawn.size() - 1)));
                }
            }
            case "The Empress", "The Hierophant" -> {
                pickTargets(drawn, targets, 2, Comparator.comparingInt(p -> -run.deck.get(p).chips()));
                Card.Enhancement e = name.equals("The Empress") ? Card.Enhancement.MULT : Card.Enhancement.BONUS;
                targets.forEach(p -> run.deck.set(p, run.deck.get(p).enhanced(e)));
            }
            case "Justice", "The Lovers" -> {
                pickTargets(drawn, targets, 1, Comparator.comparingInt(p -> -run.deck.get(p).chips()));
                Card.Enhancement e = name.equals("Justice") ? Card.Enhancement.GLASS : Card.Enhancement.WILD;
                targets.forEach(p -> run.deck.set(p, run.deck.get(p).enhanced(e)));
            }
            case "The Hermit" -> run.money += Math.min(Math.max(0, run.money), 20);
            case "Temperance" -> run.money += Math.min(50, run.jokers.stream().mapToInt(JokerSlot::sellValue).sum());
            case "Sigil" -> {
                kind = ConsumableType.SPECTRAL;
                targets.addAll(drawn);
                targets.forEach(p -> run.deck.set(p, run.deck.get(p).withSuit(main)));
            }
            case "Immolate" -> {
                kind = ConsumableType.SPECTRAL;
                pickTargets(drawn, targets, 5, Comparator.comparingInt(p -> run.deck.get(p).chips()));
                targets.sort(Comparator.reverseOrder());
                run.money += 20;
            }
            default -> {
                // The High Priestess: its planets are used right after it
            }
        }
        List<String> names = targets.isEmpty() ? null : targets.stream().map(p -> run.deck.get(p).toString()).toList();
        recorder.emit(new ConsumableUsed(run.ante, name, kind, names), 800);
        if (name.equals("The Hanged Man") || name.equals("Immolate")) {
            for (int p : targets) {
                if (run.deck.size() > 20) {
                    run.deck.remove(p);
                }
            }
        }
        if (name.equals("The High Priestess")) {
            usePlanet(PLANET_TYPES[run.random.nextInt(PLANET_TYPES.length)].planet());
            usePlanet(PLANET_TYPES[run.random.nextInt(PLANET_TYPES.length)].planet());
        }
    }

    private void pickTargets(List<Integer> drawn, List<Integer> targets, int max, Comparator<Integer> order) {
        List<Integer> sorted = new ArrayList<>(drawn);
        sorted.sort(order);
        targets.addAll(sorted.subList(0, Math.min(max, sorted.size())));
    }
}
