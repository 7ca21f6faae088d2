package dev.ante.simulator.game;

import dev.ante.domain.game.JokerEffect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a played hand the way the game does: the hand type's chips and mult at its level, each scoring
 * card's chips and the jokers triggered by it, the jokers triggered by cards held in hand, then every
 * joker in slot order; score = chips × mult. Blueprint copies the joker to its right, Brainstorm the
 * leftmost one.
 */
public final class Scoring {

    /** Cards a boss blind disables: they still form the hand but neither score nor trigger jokers. */
    public enum Debuff {
        NONE, CLUBS, SPADES, DIAMONDS, HEARTS, FACES, ALL
    }

    /** What the scoring depends on besides the cards and jokers. */
    public record Context(int[] handLevels, int[] handTypePlays, int discardsLeft, int money, Debuff debuff,
                          boolean flint, int disabledJoker, int handsLeft, int jokerSlots,
                          java.util.Set<HandType> playedThisRound) {
    }

    /** A scored hand, in the terms of the HandPlayed event. */
    public record Result(HandType type, List<Card> scoring, long baseChips, double baseMult,
                         List<JokerEffect> effects, long finalChips, double finalMult, long finalScore) {
    }

    private Scoring() {
    }

    public static Result score(List<Card> played, List<Card> held, List<JokerSlot> jokers, Context ctx,
                               boolean withEffects) {
        boolean fourFingers = false;
        boolean smeared = false;
        for (int i = 0; i < jokers.size(); i++) {
            if (i == ctx.disabledJoker()) {
                continue;
            }
            Joker j = jokers.get(i).joker();
            fourFingers |= j == Joker.FOUR_FINGERS;
            smeared |= j == Joker.SMEARED_JOKER;
        }
        HandEvaluator.Evaluation evaluation = HandEvaluator.evaluate(played, fourFingers, smeared);
        HandType type = evaluation.type();
        int level = ctx.handLevels()[type.ordinal()];
        double chips = type.chipsAt(level);
        double mult = type.multAt(level);
        if (ctx.flint()) {
            chips = Math.ceil(chips / 2);
            mult = Math.ceil(mult / 2);
        }
        long baseChips = (long) chips;
        double baseMult = mult;
        Effects effects = new Effects(withEffects);
        Joker[] resolved = new Joker[jokers.size()];
        for (int i = 0; i < jokers.size(); i++) {
            resolved[i] = i == ctx.disabledJoker() ? null : resolve(jokers, i, 0);
        }

        boolean firstFace = true;
        for (Card card : evaluation.scoring()) {
            if (debuffed(card, ctx.debuff())) {
                continue;
            }
            chips += card.chips();
            switch (card.enhancement()) {
                case BONUS -> chips += 30;
                case MULT -> mult += 4;
                case GLASS -> mult *= 2;
                case NONE, WILD -> {
                    // no bonus of its own
                }
            }
            for (int i = 0; i < resolved.length; i++) {
                Joker j = resolved[i];
                if (j == null) {
                    continue;
                }
                String name = jokers.get(i).name();
                switch (j) {
                    case GREEDY_JOKER -> mult += effects.add(name, "+mult", hasSuit(card, 'D', smeared) ? 3 : 0);
                    case LUSTY_JOKER -> mult += effects.add(name, "+mult", hasSuit(card, 'H', smeared) ? 3 : 0);
                    case WRATHFUL_JOKER -> mult += effects.add(name, "+mult", hasSuit(card, 'S', smeared) ? 3 : 0);
                    case GLUTTONOUS_JOKER -> mult += effects.add(name, "+mult", hasSuit(card, 'C', smeared) ? 3 : 0);
                    case FIBONACCI -> mult += effects.add(name, "+mult", card.isFibonacci() ? 8 : 0);
                    case EVEN_STEVEN -> mult += effects.add(name, "+mult", card.isEven() ? 4 : 0);
                    case ODD_TODD -> chips += effects.add(name, "+chips", card.isOdd() ? 31 : 0);
                    case SCHOLAR -> {
                        if (card.rank() == 14) {
                            chips += effects.add(name, "+chips", 20);
                            mult += effects.add(name, "+mult", 4);
                        }
                    }
                    case WALKIE_TALKIE -> {
                        if (card.rank() == 10 || card.rank() == 4) {
                            chips += effects.add(name, "+chips", 10);
                            mult += effects.add(name, "+mult", 4);
                        }
                    }
                    case SCARY_FACE -> chips += effects.add(name, "+chips", card.isFace() ? 30 : 0);
                    case SMILEY_FACE -> mult += effects.add(name, "+mult", card.isFace() ? 5 : 0);
                    case PHOTOGRAPH -> {
                        if (card.isFace() && firstFace) {
                            mult *= effects.times(name, 2);
                        }
                    }
                    default -> {
                        // not triggered by scored cards
                    }
                }
            }
            firstFace &= !card.isFace();
        }

        for (Card card : held) {
            if (debuffed(card, ctx.debuff())) {
                continue;
            }
            for (int i = 0; i < resolved.length; i++) {
                Joker j = resolved[i];
                if (j == Joker.BARON && card.rank() == 13) {
                    mult *= effects.times(jokers.get(i).name(), 1.5);
                } else if (j == Joker.SHOOT_THE_MOON && card.rank() == 12) {
                    mult += effects.add(jokers.get(i).name(), "+mult", 13);
                }
            }
        }

        for (int i = 0; i < resolved.length; i++) {
            Joker j = resolved[i];
            if (j == null) {
                continue;
            }
            String name = jokers.get(i).name();
            double counter = counterOf(jokers, i);
            switch (j) {
                case JOKER -> mult += effects.add(name, "+mult", 4);
                case JOLLY_JOKER -> mult += effects.add(name, "+mult", type.contains(HandType.PAIR) ? 8 : 0);
                case ZANY_JOKER -> mult += effects.add(name, "+mult", type.contains(HandType.THREE_OF_A_KIND) ? 12 : 0);
                case MAD_JOKER -> mult += effects.add(name, "+mult", type.contains(HandType.TWO_PAIR) ? 10 : 0);
                case CRAZY_JOKER -> mult += effects.add(name, "+mult", type.contains(HandType.STRAIGHT) ? 12 : 0);
                case DROLL_JOKER -> mult += effects.add(name, "+mult", type.contains(HandType.FLUSH) ? 10 : 0);
                case SLY_JOKER -> chips += effects.add(name, "+chips", type.contains(HandType.PAIR) ? 50 : 0);
                case WILY_JOKER -> chips += effects.add(name, "+chips",
                        type.contains(HandType.THREE_OF_A_KIND) ? 100 : 0);
                case CLEVER_JOKER -> chips += effects.add(name, "+chips", type.contains(HandType.TWO_PAIR) ? 80 : 0);
                case DEVIOUS_JOKER -> chips += effects.add(name, "+chips", type.contains(HandType.STRAIGHT) ? 100 : 0);
                case CRAFTY_JOKER -> chips += effects.add(name, "+chips", type.contains(HandType.FLUSH) ? 80 : 0);
                case HALF_JOKER -> mult += effects.add(name, "+mult", played.size() <= 3 ? 20 : 0);
                case BANNER -> chips += effects.add(name, "+chips", 30.0 * ctx.discardsLeft());
                case MYSTIC_SUMMIT -> mult += effects.add(name, "+mult", ctx.discardsLeft() == 0 ? 15 : 0);
                case ABSTRACT_JOKER -> mult += effects.add(name, "+mult", 3.0 * jokers.size());
                case GROS_MICHEL -> mult += effects.add(name, "+mult", 15);
                case ICE_CREAM, RUNNER, SQUARE_JOKER -> chips += effects.add(name, "+chips", counter);
                case POPCORN, GREEN_JOKER, RIDE_THE_BUS, SPARE_TROUSERS -> mult += effects.add(name, "+mult", counter);
                case SUPERNOVA -> mult += effects.add(name, "+mult", ctx.handTypePlays()[type.ordinal()] + 1);
                case BLACKBOARD -> {
                    if (held.stream().allMatch(c -> c.suit() == 'S' || c.suit() == 'C')) {
                        mult *= effects.times(name, 3);
                    }
                }
                case CONSTELLATION -> mult *= effects.times(name, Math.max(1.0, counter));
                case BULL -> chips += effects.add(name, "+chips", 2.0 * Math.max(0, ctx.money()));
                case BOOTSTRAPS -> mult += effects.add(name, "+mult", 2.0 * Math.max(0, ctx.money() / 5));
                case CAVENDISH -> mult *= effects.times(name, 3);
                case SEEING_DOUBLE -> mult *= effects.times(name, seeingDouble(evaluation.scoring(), smeared) ? 2 : 1);
                case FLOWER_POT -> mult *= effects.times(name, allSuits(evaluation.scoring(), smeared) ? 3 : 1);
                case ACROBAT -> mult *= effects.times(name, ctx.handsLeft() == 1 ? 3 : 1);
                case CARD_SHARP -> mult *= effects.times(name, ctx.playedThisRound().contains(type) ? 3 : 1);
                case RAMEN -> mult *= effects.times(name, Math.max(1.0, counter));
                case STENCIL -> mult *= effects.times(name, 1 + Math.max(0, ctx.jokerSlots() - jokers.size())
                        + stencils(jokers));
                case LOYALTY_CARD -> mult *= effects.times(name, counter == 0 ? 4 : 1);
                case STUNTMAN -> chips += effects.add(name, "+chips", 250);
                case THE_DUO -> mult *= effects.times(name, type.contains(HandType.PAIR) ? 2 : 1);
                case THE_TRIO -> mult *= effects.times(name, type.contains(HandType.THREE_OF_A_KIND) ? 3 : 1);
                case THE_FAMILY -> mult *= effects.times(name, type.contains(HandType.FOUR_OF_A_KIND) ? 4 : 1);
                case THE_ORDER -> mult *= effects.times(name, type.contains(HandType.STRAIGHT) ? 3 : 1);
                case THE_TRIBE -> mult *= effects.times(name, type.contains(HandType.FLUSH) ? 2 : 1);
                default -> {
                    // card-triggered, held-card, economy or utility jokers: nothing at this stage
                }
            }
        }
        long finalChips = Math.round(chips);
        double finalMult = Math.round(mult * 100) / 100.0;
        long finalScore = (long) Math.floor(finalChips * finalMult);
        return new Result(type, evaluation.scoring(), baseChips, baseMult, effects.list(), finalChips, finalMult,
                finalScore);
    }

    /** The joker whose ability slot {@code i} uses: itself, or what Blueprint and Brainstorm copy. */
    private static Joker resolve(List<JokerSlot> jokers, int i, int depth) {
        if (depth > jokers.size()) {
            return null;
        }
        Joker j = jokers.get(i).joker();
        if (j == Joker.BLUEPRINT) {
            return i + 1 < jokers.size() ? resolve(jokers, i + 1, depth + 1) : null;
        }
        if (j == Joker.BRAINSTORM) {
            return i != 0 ? resolve(jokers, 0, depth + 1) : null;
        }
        return j;
    }

    /** The counter that slot {@code i} uses: a copying joker uses the copied joker's counter. */
    private static double counterOf(List<JokerSlot> jokers, int i) {
        int at = i;
        for (int depth = 0; depth <= jokers.size(); depth++) {
            Joker j = jokers.get(at).joker();
            if (j == Joker.BLUEPRINT && at + 1 < jokers.size()) {
                at = at + 1;
            } else if (j == Joker.BRAINSTORM && at != 0) {
                at = 0;
            } else {
                break;
            }
        }
        return jokers.get(at).counter();
    }

    /** A scoring club and a scoring card of another suit. */
    private static boolean seeingDouble(List<Card> scoring, boolean smeared) {
        boolean club = false;
        boolean other = false;
        for (Card c : scoring) {
            if (!club && hasSuit(c, 'C', smeared)) {
                club = true;
            } else if (!hasSuit(c, 'C', smeared) || c.enhancement() == Card.Enhancement.WILD) {
                other = true;
            }
        }
        return club && other;
    }

    /** A scoring card of each of the four suits (wild cards fill any gap). */
    private static boolean allSuits(List<Card> scoring, boolean smeared) {
        int seen = 0;
        int wild = 0;
        for (Card c : scoring) {
            if (c.enhancement() == Card.Enhancement.WILD) {
                wild++;
            } else {
                seen |= 1 << "SHDC".indexOf(smeared ? HandEvaluator.suitGroup(c.suit(), true) : c.suit());
            }
        }
        return Integer.bitCount(seen) + wild >= (smeared ? 2 : 4);
    }

    /** Joker Stencil counts each Joker Stencil as an empty slot. */
    private static int stencils(List<JokerSlot> jokers) {
        int n = 0;
        for (JokerSlot slot : jokers) {
            n += slot.joker() == Joker.STENCIL ? 1 : 0;
        }
        return n - 1;
    }

    private static boolean hasSuit(Card card, char suit, boolean smeared) {
        return card.enhancement() == Card.Enhancement.WILD
                || HandEvaluator.suitGroup(card.suit(), smeared) == HandEvaluator.suitGroup(suit, smeared);
    }

    static boolean debuffed(Card card, Debuff debuff) {
        return switch (debuff) {
            case NONE -> false;
            case CLUBS -> card.suit() == 'C';
            case SPADES -> card.suit() == 'S';
            case DIAMONDS -> card.suit() == 'D';
            case HEARTS -> card.suit() == 'H';
            case FACES -> card.isFace();
            case ALL -> true;
        };
    }

    /** Collects each joker's contribution, summed for additive effects and multiplied for xmult. */
    private static final class Effects {
        private final boolean enabled;
        private final Map<String, double[]> byKey;

        Effects(boolean enabled) {
            this.enabled = enabled;
            this.byKey = enabled ? new LinkedHashMap<>() : null;
        }

        double add(String joker, String effect, double value) {
            if (enabled && value != 0) {
                byKey.computeIfAbsent(joker + '\u0000' + effect, k -> new double[] {0})[0] += value;
            }
            return value;
        }

        double times(String joker, double factor) {
            if (enabled && factor != 1) {
                byKey.computeIfAbsent(joker + '\u0000' + "xmult", k -> new double[] {1})[0] *= factor;
            }
            return factor;
        }

        List<JokerEffect> list() {
            if (!enabled) {
                return List.of();
            }
            List<JokerEffect> list = new ArrayList<>(byKey.size());
            byKey.forEach((key, value) -> {
                int split = key.indexOf('\u0000');
                list.add(new JokerEffect(key.substring(0, split), key.substring(split + 1),
                        Math.round(value[0] * 1000) / 1000.0));
            });
            return list;
        }
    }
}
