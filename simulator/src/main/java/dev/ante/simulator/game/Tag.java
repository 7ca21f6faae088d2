package dev.ante.simulator.game;

/** The tags a skipped blind grants. */
public enum Tag {
    INVESTMENT("Investment Tag"),
    ECONOMY("Economy Tag"),
    SPEED("Speed Tag"),
    HANDY("Handy Tag"),
    GARBAGE("Garbage Tag"),
    COUPON("Coupon Tag"),
    D6("D6 Tag"),
    JUGGLE("Juggle Tag"),
    CHARM("Charm Tag"),
    METEOR("Meteor Tag"),
    UNCOMMON("Uncommon Tag"),
    RARE("Rare Tag"),
    BOSS("Boss Tag");

    private final String displayName;

    Tag(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
