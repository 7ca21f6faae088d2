package dev.ante.simulator.game;

/**
 * A joker the player holds: which one, the counter of jokers that change as the run goes on (Ice Cream's
 * chips, Green Joker's mult...) and what it sells for.
 */
public final class JokerSlot {

    private final Joker joker;
    private double counter;
    private int sellValue;

    public JokerSlot(Joker joker, int paid) {
        this.joker = joker;
        this.counter = joker.initialCounter();
        this.sellValue = Math.max(1, paid / 2);
    }

    public Joker joker() {
        return joker;
    }

    public double counter() {
        return counter;
    }

    void counter(double value) {
        counter = value;
    }

    public int sellValue() {
        return sellValue;
    }

    void addSellValue(int amount) {
        sellValue += amount;
    }

    public String name() {
        return joker.displayName();
    }
}
