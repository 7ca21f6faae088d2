package dev.ante.simulator.game;

import dev.ante.simulator.game.Shop.ShopOffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * How the agent weighs its options, following its {@link PlayStyle}: the best plays of a hand, which cards
 * to discard, what shop items, planets, tarots, vouchers and pack cards are worth to it, which joker is its
 * weakest and the order it keeps its jokers in.
 */
final class AgentPolicy {

    /** A play the agent considers: the cards played, those held, the hand type and its score. */
    record Candidate(List<Card> cards, List<Card> held, HandType type, long score) {
    }

    private final RunState run;

    AgentPolicy(RunState run) {
        this.run = run;
    }

    /**
     * The best few plays of the hand, best score first. A card that does not score only changes the score
     * through a few jokers, so only subsets whose every card scores are weighed; the best of them are then
     * padded with the weakest other cards, as a player sheds dead cards with a hand, and scored again.
     */
    List<Candidate> candidates(List<Card> hand, Scoring.Context ctx, Boss.Rule rule,
                                       Set<HandType> roundTypes) {
        Card[] cards = hand.toArray(new Card[0]);
        int n = cards.length;
        boolean fourFingers = false;
        boolean smeared = false;
        boolean halfJoker = false;
        for (int i = 0; i < run.jokers.size(); i++) {
            Joker j = run.jokers.get(i).joker();
            if (i != ctx.disabledJoker()) {
                fourFingers |= j == Joker.FOUR_FINGERS;
                smeared |= j == Joker.SMEARED_JOKER;
                halfJoker |= j == Joker.HALF_JOKER;
            }
        }
        int all = (1 << n) - 1;
        List<long[]> pure = new ArrayList<>();
        List<long[]> fallback = new ArrayList<>();
        for (int mask = 1; mask <= all; mask++) {
            if (Integer.bitCount(mask) > 5) {
                continue;
            }
            long packed = HandEvaluator.evaluate(cards, mask, fourFingers, smeared);
            if (HandEvaluator.scoringMask(packed) != mask) {
                continue;
            }
            HandType type = HandEvaluator.typeOf(packed);
            boolean allowed = switch (rule) {
                case NO_REPEAT_TYPE -> !roundTypes.contains(type);
                case ONE_TYPE -> roundTypes.isEmpty() || roundTypes.contains(type);
                default -> true;
            };
            long score = Scoring.score(select(cards, mask), select(cards, all & ~mask), run.jokers, ctx, false)
                    .finalScore();
            (allowed ? pure : fallback).add(new long[] {mask, score});
        }
        if (pure.isEmpty()) {
            pure = fallback;
        }
        pure.sort((a, b) -> a[1] != b[1] ? Long.compare(b[1], a[1]) : Long.compare(Long.bitCount(a[0]),
                Long.bitCount(b[0])));
        int[] byWeakness = weakestFirst(cards);
        List<Candidate> best = new ArrayList<>(6);
        for (int k = 0; k < Math.min(6, pure.size()); k++) {
            int mask = (int) pure.get(k)[0];
            long score = pure.get(k)[1];
            int target = rule == Boss.Rule.FIVE_CARDS ? 5 : halfJoker && Integer.bitCount(mask) <= 3 ? 3 : 5;
            int padded = pad(cards, mask, target, byWeakness);
            if (padded != mask) {
                long packed = HandEvaluator.evaluate(cards, padded, fourFingers, smeared);
                Scoring.Result r = Scoring.score(select(cards, padded), select(cards, all & ~padded), run.jokers, ctx,
                        false);
                if (r.finalScore() >= score || rule == Boss.Rule.FIVE_CARDS) {
                    best.add(new Candidate(select(cards, padded), select(cards, all & ~padded),
                            HandEvaluator.typeOf(packed), r.finalScore()));
                    continue;
                }
            }
            best.add(new Candidate(select(cards, mask), select(cards, all & ~mask),
                    HandEvaluator.typeOf(HandEvaluator.evaluate(cards, mask, fourFingers, smeared)), score));
        }
        best.sort(Comparator.comparingLong(Candidate::score).reversed());
        return best;
    }

    /** Card positions, weakest first; kings and queens come last when jokers reward holding them. */
    private int[] weakestFirst(Card[] cards) {
        boolean keepKings = run.holds(Joker.BARON);
        boolean keepQueens = run.holds(Joker.SHOOT_THE_MOON);
        Integer[] order = new Integer[cards.length];
        for (int i = 0; i < cards.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt((Integer i) -> (keepKings && cards[i].rank() == 13)
                || (keepQueens && cards[i].rank() == 12) ? 100 : cards[i].chips()));
        int[] out = new int[cards.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = order[i];
        }
        return out;
    }

    private static int pad(Card[] cards, int mask, int target, int[] byWeakness) {
        int padded = mask;
        for (int i : byWeakness) {
            if (Integer.bitCount(padded) >= Math.min(target, cards.length)) {
                break;
            }
            padded |= 1 << i;
        }
        return padded;
    }

    private static List<Card> select(Card[] cards, int mask) {
        List<Card> out = new ArrayList<>(Integer.bitCount(mask));
        for (int i = 0; i < cards.length; i++) {
            if ((mask & (1 << i)) != 0) {
                out.add(cards[i]);
            }
        }
        return out;
    }

    static List<String> playOptions(List<Candidate> candidates, int max) {
        List<String> options = new ArrayList<>(max);
        for (Candidate c : candidates) {
            String option = playOption(c);
            if (!options.contains(option)) {
                options.add(option);
            }
            if (options.size() == max) {
                break;
            }
        }
        return options;
    }

    static String playOption(Candidate c) {
        return "play:" + c.type().displayName() + ':' + RunState.cardList(c.cards());
    }

    /**
     * Keeps the cards of the most promising draw — a flush, a straight or sets — weighing each by what the
     * hand would score at its level and how likely the draw is to come in, with the agent's focus as a
     * bias; throws away up to five of the rest, weakest first.
     */
    List<Card> chooseDiscard(List<Card> hand) {
        boolean smeared = run.count(Joker.SMEARED_JOKER) > 0;
        int need = run.count(Joker.FOUR_FINGERS) > 0 ? 4 : 5;
        char suit = RunState.mostCommonSuit(hand, smeared);
        List<Card> flush = new ArrayList<>();
        for (Card c : hand) {
            if (HandEvaluator.suitGroup(c.suit(), smeared) == HandEvaluator.suitGroup(suit, smeared)
                    || c.enhancement() == Card.Enhancement.WILD) {
                flush.add(c);
            }
        }
        List<Card> straight = longestRun(hand);
        List<Card> sets = new ArrayList<>();
        int[] counts = rankCounts(hand);
        for (Card c : hand) {
            if (counts[c.rank()] >= 2 || (run.style.focus() == Focus.FACES && (c.isFace() || c.rank() == 14))) {
                sets.add(c);
            }
        }
        double flushValue = drawValue(HandType.FLUSH, flush.size(), need, new double[] {0, 0, 0.02, 0.15, 0.45});
        double straightValue = drawValue(HandType.STRAIGHT, straight.size(), need,
                new double[] {0, 0, 0.01, 0.08, 0.35});
        int maxSet = 0;
        for (int r = 2; r <= 14; r++) {
            maxSet = Math.max(maxSet, counts[r]);
        }
        HandType setType = maxSet >= 3 ? HandType.FOUR_OF_A_KIND : HandType.THREE_OF_A_KIND;
        double setsValue = expected(setType) * (maxSet >= 3 ? 0.3 : maxSet == 2 ? 0.35 : 0.1)
                * (run.style.focus() == Focus.PAIRS || run.style.focus() == Focus.FACES ? 1.5 : 1.0);
        List<Card> keep = flushValue >= straightValue && flushValue >= setsValue ? flush
                : straightValue >= setsValue ? straight : sets;
        List<Card> rest = new ArrayList<>();
        for (Card c : hand) {
            if (!keep.contains(c)) {
                rest.add(c);
            }
        }
        rest.sort(Comparator.comparingInt(Card::chips));
        if (rest.isEmpty()) {
            List<Card> byChips = new ArrayList<>(hand);
            byChips.sort(Comparator.comparingInt(Card::chips));
            rest = byChips.subList(0, Math.min(2, byChips.size()));
        }
        return List.copyOf(rest.subList(0, Math.min(5, rest.size())));
    }

    private double drawValue(HandType type, int have, int need, double[] chance) {
        int missing = need - have;
        double p = missing <= 0 ? 1.0 : chance[Math.max(0, chance.length - missing)];
        Focus aiming = type == HandType.FLUSH ? Focus.FLUSH : Focus.STRAIGHT;
        return expected(type) * p * (run.style.focus() == aiming ? 1.5 : 1.0);
    }

    /** A rough score of a typical hand of {@code type} at its current level. */
    private double expected(HandType type) {
        int level = run.levels[type.ordinal()];
        return (type.chipsAt(level) + 40.0) * type.multAt(level);
    }

    private static int[] rankCounts(List<Card> cards) {
        int[] counts = new int[15];
        for (Card c : cards) {
            counts[c.rank()]++;
        }
        return counts;
    }

    private static List<Card> longestRun(List<Card> hand) {
        int[] counts = rankCounts(hand);
        int bestStart = 2;
        int bestLength = 0;
        for (int start = 2; start <= 14; start++) {
            int length = 0;
            while (start + length <= 14 && counts[start + length] > 0) {
                length++;
            }
            if (length > bestLength) {
                bestLength = length;
                bestStart = start;
            }
        }
        List<Card> run = new ArrayList<>();
        boolean[] taken = new boolean[15];
        for (Card c : hand) {
            if (c.rank() >= bestStart && c.rank() < bestStart + bestLength && !taken[c.rank()]) {
                taken[c.rank()] = true;
                run.add(c);
            }
        }
        return run;
    }

    double valueOf(ShopOffer offer) {
        return switch (offer.itemType()) {
            case "JOKER" -> {
                Joker joker = RunState.jokerNamed(offer.name());
                double value = jokerValue(joker);
                if (run.jokers.size() >= run.jokerSlots()) {
                    value -= jokerValue(weakest().joker()) + 0.1;
                }
                yield value;
            }
            case "PLANET" -> planetValue(HandType.ofPlanet(offer.name()));
            case "TAROT" -> tarotValue(offer.name());
            case "VOUCHER" -> voucherValue(offer.name());
            case "BOOSTER_PACK" -> switch (offer.name()) {
                case "Celestial Pack" -> 0.75;
                case "Arcana Pack" -> 0.45;
                default -> run.style.focus() == Focus.FACES || run.style.focus() == Focus.PAIRS ? 0.4 : 0.25;
            };
            case "PLAYING_CARD" -> 0.3;
            default -> 0;
        };
    }

    private double jokerValue(Joker joker) {
        double base = switch (joker.kind()) {
            case CHIPS -> 0.8;
            case MULT -> 1.0;
            case XMULT -> 1.6;
            case ECONOMY -> scoringJokers() < 2 ? 0.25 : 0.5 * (9 - Math.min(8, run.ante)) / 6.0;
            case UTILITY -> 0.5;
            case COPY -> {
                // Worth what it would copy: the best scoring joker held, or little while there is none.
                double bestOther = 0.4;
                for (JokerSlot slot : run.jokers) {
                    Joker.Kind kind = slot.joker().kind();
                    if (kind == Joker.Kind.CHIPS || kind == Joker.Kind.MULT || kind == Joker.Kind.XMULT) {
                        bestOther = Math.max(bestOther, jokerValue(slot.joker()));
                    }
                }
                yield bestOther;
            }
        };
        double focus = joker.focus() == Focus.ANY ? 1.0 : joker.focus() == run.style.focus() ? 1.7 : 0.35;
        if ((joker == Joker.FOUR_FINGERS || joker == Joker.SMEARED_JOKER) && run.style.focus() == Focus.FLUSH) {
            focus = 2.6;
        }
        if (joker == Joker.FOUR_FINGERS && run.style.focus() == Focus.STRAIGHT) {
            focus = 2.4;
        }
        double preference = joker.kind() == run.style.preferredKind() ? 1.3 : 1.0;
        return base * focus * preference;
    }

    /** A planet is worth what the agent's play leans on: its focus, and the hands it has been playing. */
    private double planetValue(HandType type) {
        double share = run.handsPlayedRun == 0 ? 0 : (double) run.typePlays[type.ordinal()] / run.handsPlayedRun;
        return 0.3 + (run.style.focus().aims(type) && run.style.focus() != Focus.ANY ? 0.5 : 0) + 2.0 * share;
    }

    private double tarotValue(String name) {
        char main = RunState.mostCommonSuit(run.deck);
        return switch (name) {
            case "The Star" -> run.style.focus() == Focus.FLUSH && main == 'D' ? 1.0 : 0.2;
            case "The Moon" -> run.style.focus() == Focus.FLUSH && main == 'C' ? 1.0 : 0.2;
            case "The Sun" -> run.style.focus() == Focus.FLUSH && main == 'H' ? 1.0 : 0.2;
            case "The World" -> run.style.focus() == Focus.FLUSH && main == 'S' ? 1.0 : 0.2;
            case "The Lovers" -> run.style.focus() == Focus.FLUSH ? 0.7 : 0.3;
            case "The Empress", "Justice", "The Hermit", "The High Priestess" -> 0.6;
            case "The Hierophant", "The Hanged Man" -> 0.5;
            default -> 0.35;
        };
    }

    private double voucherValue(String name) {
        return switch (name) {
            case "Grabber", "Wasteful", "Paint Brush" -> 1.1;
            case "Seed Money" -> run.style.interestTarget() >= 15 ? 0.9 : 0.4;
            case "Clearance Sale", "Overstock", "Reroll Surplus" -> 0.7;
            case "Telescope" -> 0.6;
            case "Magic Trick", "Crystal Ball" -> 0.3;
            default -> 0.1;
        };
    }

    double packValue(String pack, String option) {
        return switch (pack) {
            case "Celestial Pack" -> {
                if (option.equals("Black Hole")) {
                    yield 2.0;
                }
                yield planetValue(HandType.ofPlanet(option));
            }
            case "Arcana Pack" -> option.equals("Sigil") && run.style.focus() == Focus.FLUSH ? 1.5 : tarotValue(option);
            default -> {
                Card c = RunState.parseCard(option);
                yield switch (run.style.focus()) {
                    case FLUSH -> c.suit() == RunState.mostCommonSuit(run.deck) ? 1.0 : 0.1;
                    case FACES -> c.isFace() ? 1.0 : 0.1;
                    default -> c.chips() / 11.0;
                };
            }
        };
    }

    /**
     * Orders the jokers as a player would: chips and +mult first, multipliers last (they multiply what the
     * others added), Blueprint just before the strongest multiplier so that it copies it.
     */
    void arrangeJokers() {
        List<JokerSlot> additive = new ArrayList<>();
        List<JokerSlot> other = new ArrayList<>();
        List<JokerSlot> multipliers = new ArrayList<>();
        List<JokerSlot> blueprints = new ArrayList<>();
        for (JokerSlot slot : run.jokers) {
            switch (slot.joker().kind()) {
                case CHIPS, MULT -> additive.add(slot);
                case XMULT -> multipliers.add(slot);
                case COPY -> (slot.joker() == Joker.BLUEPRINT ? blueprints : other).add(slot);
                default -> other.add(slot);
            }
        }
        multipliers.sort(Comparator.comparingDouble((JokerSlot slot) -> jokerValue(slot.joker())));
        List<JokerSlot> ordered = new ArrayList<>(additive);
        ordered.addAll(other);
        ordered.addAll(multipliers);
        int at = multipliers.isEmpty() ? ordered.size() : ordered.size() - 1;
        ordered.addAll(at, blueprints);
        run.jokers.clear();
        run.jokers.addAll(ordered);
    }

    JokerSlot weakest() {
        JokerSlot weakest = run.jokers.get(0);
        for (JokerSlot slot : run.jokers) {
            if (jokerValue(slot.joker()) < jokerValue(weakest.joker())) {
                weakest = slot;
            }
        }
        return weakest;
    }

    int scoringJokers() {
        int n = 0;
        for (JokerSlot slot : run.jokers) {
            Joker.Kind kind = slot.joker().kind();
            n += kind == Joker.Kind.CHIPS || kind == Joker.Kind.MULT || kind == Joker.Kind.XMULT ? 1 : 0;
        }
        return n;
    }
}
