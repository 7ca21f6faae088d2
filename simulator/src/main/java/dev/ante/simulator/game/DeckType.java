package dev.ante.simulator.game;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The starting decks: each changes money, hands, discards, joker slots or the cards themselves. */
public enum DeckType {
    RED("Red Deck", 4, 4, 4, 5),
    BLUE("Blue Deck", 4, 5, 3, 5),
    YELLOW("Yellow Deck", 14, 4, 3, 5),
    GREEN("Green Deck", 4, 4, 3, 5),
    BLACK("Black Deck", 4, 3, 3, 6),
    CHECKERED("Checkered Deck", 4, 4, 3, 5),
    ABANDONED("Abandoned Deck", 4, 4, 3, 5);

    private final String displayName;
    private final int startingMoney;
    private final int hands;
    private final int discards;
    private final int jokerSlots;

    DeckType(String displayName, int startingMoney, int hands, int discards, int jokerSlots) {
        this.displayName = displayName;
        this.startingMoney = startingMoney;
        this.hands = hands;
        this.discards = discards;
        this.jokerSlots = jokerSlots;
    }

    public String displayName() {
        return displayName;
    }

    public int startingMoney() {
        return startingMoney;
    }

    public int hands() {
        return hands;
    }

    public int discards() {
        return discards;
    }

    public int jokerSlots() {
        return jokerSlots;
    }

    /** Green Deck pays per hand and discard left instead of interest. */
    public boolean paysInterest() {
        return this != GREEN;
    }

    /** The deck's 52 cards (40 for the Abandoned Deck, spades and hearts only for the Checkered Deck). */
    public List<Card> cards(SplittableRandom random) {
        List<Card> cards = new ArrayList<>(52);
        for (char suit : new char[] {'S', 'H', 'D', 'C'}) {
            for (int rank = 2; rank <= 14; rank++) {
                if (this == ABANDONED && rank >= 11 && rank <= 13) {
                    continue;
                }
                char actual = this == CHECKERED ? (suit == 'S' || suit == 'C' ? 'S' : 'H') : suit;
                cards.add(new Card(rank, actual));
            }
        }
        return cards;
    }

    public static DeckType random(SplittableRandom random) {
        return values()[random.nextInt(values().length)];
    }
}
