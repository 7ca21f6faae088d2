package dev.ante.simulator.game;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The state of one run, shared by the parts that play it: the deck, the jokers in their slots, hand levels,
 * vouchers, money, the ante, the tags waiting to take effect and the run's counters; the game's single
 * random stream; and small helpers over them.
 */
final class RunState {

    static final int BASE_HAND_SIZE = 8;

    final GamePlay.Setup setup;
    final PlayStyle style;
    final SplittableRandom random;

    final List<Card> deck;
    final List<JokerSlot> jokers = new ArrayList<>();
    final int[] levels = new int[HandType.values().length];
    final int[] typePlays = new int[HandType.values().length];
    final Set<Voucher> vouchers = EnumSet.noneOf(Voucher.class);
    int money;
    int ante = 1;
    long bestHandScore;
    long lastBestScore;
    int skips;
    int handsPlayedRun;
    int unusedDiscardsRun;
    int bossesDefeated;
    boolean grosMichelExtinct;
    int pendingInvestment;
    boolean pendingCoupon;
    boolean pendingD6;
    boolean pendingJuggle;
    Joker.Rarity pendingFreeJoker;

    RunState(GamePlay.Setup setup, SplittableRandom random) {
        this.setup = setup;
        this.style = setup.style();
        this.random = random;
        this.deck = new ArrayList<>(setup.deck().cards(random));
        java.util.Arrays.fill(levels, 1);
    }

    boolean isMostPlayed(HandType type) {
        int max = 0;
        for (int plays : typePlays) {
            max = Math.max(max, plays);
        }
        return max > 0 && typePlays[type.ordinal()] == max;
    }

    HandType mostPlayed() {
        HandType best = HandType.HIGH_CARD;
        for (HandType type : HandType.values()) {
            if (typePlays[type.ordinal()] > typePlays[best.ordinal()]) {
                best = type;
            }
        }
        return best;
    }

    List<String> jokerNames() {
        return jokers.stream().map(JokerSlot::name).toList();
    }

    int count(Joker joker) {
        int n = 0;
        for (JokerSlot slot : jokers) {
            if (slot.joker() == joker) {
                n++;
            }
        }
        return n;
    }

    boolean holds(Joker joker) {
        return count(joker) > 0;
    }

    int jokerSlots() {
        return setup.deck().jokerSlots();
    }

    static Joker jokerNamed(String name) {
        for (Joker j : Joker.values()) {
            if (j.displayName().equals(name)) {
                return j;
            }
        }
        throw new IllegalArgumentException("no joker named " + name);
    }

    static Card parseCard(String text) {
        return new Card("23456789TJQKA".indexOf(text.charAt(0)) + 2, text.charAt(1));
    }

    static List<String> cardNames(List<Card> cards) {
        return cards.stream().map(Card::toString).toList();
    }

    static String cardList(List<Card> cards) {
        StringBuilder out = new StringBuilder();
        for (Card c : cards) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(c);
        }
        return out.toString();
    }

    void draw(List<Card> pile, List<Card> hand, int count) {
        for (int i = 0; i < count && !pile.isEmpty(); i++) {
            hand.add(pile.remove(pile.size() - 1));
        }
    }

    <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    int pickIndex(double[] weights, double sum) {
        double r = random.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r <= 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static char mostCommonSuit(List<Card> cards, boolean smeared) {
        int[] counts = new int[4];
        String suits = "SHDC";
        for (Card c : cards) {
            counts[suits.indexOf(HandEvaluator.suitGroup(c.suit(), smeared))]++;
        }
        int best = 0;
        for (int i = 1; i < 4; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return suits.charAt(best);
    }

    static char mostCommonSuit(List<Card> cards) {
        int[] counts = new int[4];
        String suits = "SHDC";
        for (Card c : cards) {
            counts[suits.indexOf(c.suit())]++;
        }
        int best = 0;
        for (int i = 1; i < 4; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return suits.charAt(best);
    }
}
