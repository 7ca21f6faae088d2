package dev.ante.simulator.game;

/**
 * A playing card: rank 2..14 (14 is the ace), suit one of {@code S H D C}, and the enhancement a tarot may
 * have given it. Printed the way agents send cards, e.g. {@code AS}, {@code TH}, {@code 7C}.
 */
public record Card(int rank, char suit, Enhancement enhancement) {

    /** What a tarot card did to a playing card; it changes how the card scores, not how it prints. */
    public enum Enhancement {
        NONE, BONUS, MULT, GLASS, WILD
    }

    private static final String RANKS = "23456789TJQKA";

    public Card {
        if (rank < 2 || rank > 14) {
            throw new IllegalArgumentException("rank " + rank);
        }
        if ("SHDC".indexOf(suit) < 0) {
            throw new IllegalArgumentException("suit " + suit);
        }
    }

    public Card(int rank, char suit) {
        this(rank, suit, Enhancement.NONE);
    }

    public Card withSuit(char newSuit) {
        return new Card(rank, newSuit, enhancement);
    }

    public Card withRank(int newRank) {
        return new Card(newRank, suit, enhancement);
    }

    public Card enhanced(Enhancement e) {
        return new Card(rank, suit, e);
    }

    /** The chips the card adds when it scores: its face value, 10 for faces, 11 for the ace. */
    public int chips() {
        if (rank == 14) {
            return 11;
        }
        return Math.min(rank, 10);
    }

    public boolean isFace() {
        return rank >= 11 && rank <= 13;
    }

    public boolean isEven() {
        return rank <= 10 && rank % 2 == 0;
    }

    public boolean isOdd() {
        return rank == 14 || (rank <= 9 && rank % 2 == 1);
    }

    public boolean isFibonacci() {
        return rank == 14 || rank == 2 || rank == 3 || rank == 5 || rank == 8;
    }

    @Override
    public String toString() {
        return "" + RANKS.charAt(rank - 2) + suit;
    }
}
