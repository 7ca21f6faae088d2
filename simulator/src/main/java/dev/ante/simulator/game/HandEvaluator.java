package dev.ante.simulator.game;

import java.util.ArrayList;
import java.util.List;

/**
 * Classifies the cards an agent plays into a poker hand and the cards of it that score, as the game does:
 * a pair scores only its two cards, a flush all five. {@code Four Fingers} allows four-card flushes and
 * straights; {@code Smeared Joker} makes hearts and diamonds, spades and clubs one suit each.
 *
 * <p>The work is done on bit masks over a hand's cards, because an agent weighs every subset of its hand
 * before each play; {@link #evaluate(List, boolean, boolean)} is the same rule for a list of cards.
 */
public final class HandEvaluator {

    /** The hand's type and the played cards that score, in played order. */
    public record Evaluation(HandType type, List<Card> scoring) {
    }

    private static final HandType[] TYPES = HandType.values();

    private HandEvaluator() {
    }

    public static Evaluation evaluate(List<Card> played, boolean fourFingers, boolean smeared) {
        Card[] cards = played.toArray(new Card[0]);
        long packed = evaluate(cards, (1 << cards.length) - 1, fourFingers, smeared);
        int scoringMask = scoringMask(packed);
        List<Card> scoring = new ArrayList<>(Integer.bitCount(scoringMask));
        for (int i = 0; i < cards.length; i++) {
            if ((scoringMask & (1 << i)) != 0) {
                scoring.add(cards[i]);
            }
        }
        return new Evaluation(typeOf(packed), scoring);
    }

    /** The type of a packed evaluation. */
    public static HandType typeOf(long packed) {
        return TYPES[(int) (packed >>> 32)];
    }

    /** The scoring cards of a packed evaluation, as a mask over the hand. */
    public static int scoringMask(long packed) {
        return (int) packed;
    }

    /**
     * Evaluates the cards of {@code hand} selected by {@code mask}; returns the type's ordinal in the high
     * half and the mask of scoring cards in the low half.
     */
    public static long evaluate(Card[] hand, int mask, boolean fourFingers, boolean smeared) {
        int n = Integer.bitCount(mask);
        int[] counts = new int[15];
        int present = 0;
        for (int i = 0; i < hand.length; i++) {
            if ((mask & (1 << i)) != 0) {
                int rank = hand[i].rank();
                counts[rank]++;
                present |= 1 << rank;
            }
        }
        int need = fourFingers ? 4 : 5;
        int flush = n >= need ? flushMask(hand, mask, need, smeared) : 0;
        int straight = n >= need ? straightMask(hand, mask, present, need) : 0;

        int maxCount = 0;
        int pairs = 0;
        boolean three = false;
        boolean two = false;
        for (int r = 2; r <= 14; r++) {
            maxCount = Math.max(maxCount, counts[r]);
            pairs += counts[r] >= 2 ? 1 : 0;
            three |= counts[r] == 3;
            two |= counts[r] == 2;
        }
        boolean fullHouse = n == 5 && three && two;
        if (maxCount == 5 && flush != 0) {
            return pack(HandType.FLUSH_FIVE, mask);
        }
        if (fullHouse && Integer.bitCount(flush) == 5) {
            return pack(HandType.FLUSH_HOUSE, mask);
        }
        if (maxCount == 5) {
            return pack(HandType.FIVE_OF_A_KIND, mask);
        }
        if (straight != 0 && flush != 0) {
            return pack(HandType.STRAIGHT_FLUSH, straight | flush);
        }
        if (maxCount == 4) {
            return pack(HandType.FOUR_OF_A_KIND, withCount(hand, mask, counts, 4));
        }
        if (fullHouse) {
            return pack(HandType.FULL_HOUSE, mask);
        }
        if (flush != 0) {
            return pack(HandType.FLUSH, flush);
        }
        if (straight != 0) {
            return pack(HandType.STRAIGHT, straight);
        }
        if (maxCount == 3) {
            return pack(HandType.THREE_OF_A_KIND, withCount(hand, mask, counts, 3));
        }
        if (pairs >= 1) {
            return pack(pairs >= 2 ? HandType.TWO_PAIR : HandType.PAIR, withCount(hand, mask, counts, 2));
        }
        int high = -1;
        for (int i = 0; i < hand.length; i++) {
            if ((mask & (1 << i)) != 0 && (high < 0 || hand[i].rank() > hand[high].rank())) {
                high = i;
            }
        }
        return pack(HandType.HIGH_CARD, 1 << high);
    }

    private static long pack(HandType type, int scoringMask) {
        return ((long) type.ordinal() << 32) | (scoringMask & 0xFFFFFFFFL);
    }

    /** The suit group a card counts toward: with Smeared Joker, red or black. */
    static char suitGroup(char suit, boolean smeared) {
        if (!smeared) {
            return suit;
        }
        return suit == 'H' || suit == 'D' ? 'H' : 'S';
    }

    private static final char[] ALL_SUITS = {'S', 'H', 'D', 'C'};
    private static final char[] SMEARED_SUITS = {'H', 'S'};

    private static int flushMask(Card[] hand, int mask, int need, boolean smeared) {
        for (char suit : smeared ? SMEARED_SUITS : ALL_SUITS) {
            int matching = 0;
            for (int i = 0; i < hand.length; i++) {
                if ((mask & (1 << i)) != 0 && (hand[i].enhancement() == Card.Enhancement.WILD
                        || suitGroup(hand[i].suit(), smeared) == suit)) {
                    matching |= 1 << i;
                }
            }
            if (Integer.bitCount(matching) >= need) {
                return matching;
            }
        }
        return 0;
    }

    /** The highest run of {@code need} consecutive ranks (the ace also counts as 1), one card per rank. */
    private static int straightMask(Card[] hand, int mask, int present, int need) {
        if ((present & (1 << 14)) != 0) {
            present |= 1 << 1;
        }
        for (int top = 14; top >= need; top--) {
            int low = top - need + 1;
            int run = ((1 << need) - 1) << low;
            if ((present & run) == run) {
                int cards = 0;
                int taken = 0;
                for (int i = 0; i < hand.length; i++) {
                    if ((mask & (1 << i)) == 0) {
                        continue;
                    }
                    int r = hand[i].rank() == 14 && low == 1 ? 1 : hand[i].rank();
                    if (r >= low && r <= top && (taken & (1 << r)) == 0) {
                        taken |= 1 << r;
                        cards |= 1 << i;
                    }
                }
                return cards;
            }
        }
        return 0;
    }

    private static int withCount(Card[] hand, int mask, int[] counts, int atLeast) {
        int cards = 0;
        for (int i = 0; i < hand.length; i++) {
            if ((mask & (1 << i)) != 0 && counts[hand[i].rank()] >= atLeast) {
                cards |= 1 << i;
            }
        }
        return cards;
    }
}
