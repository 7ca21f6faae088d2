package dev.ante.simulator.game;

/**
 * The poker hands of the game with their base chips and mult at level 1, the planet card that levels each
 * one up and what a level adds.
 */
public enum HandType {
    HIGH_CARD("High Card", 5, 1, "Pluto", 10, 1),
    PAIR("Pair", 10, 2, "Mercury", 15, 1),
    TWO_PAIR("Two Pair", 20, 2, "Uranus", 20, 1),
    THREE_OF_A_KIND("Three of a Kind", 30, 3, "Venus", 20, 2),
    STRAIGHT("Straight", 30, 4, "Saturn", 30, 3),
    FLUSH("Flush", 35, 4, "Jupiter", 15, 2),
    FULL_HOUSE("Full House", 40, 4, "Earth", 25, 2),
    FOUR_OF_A_KIND("Four of a Kind", 60, 7, "Mars", 30, 3),
    STRAIGHT_FLUSH("Straight Flush", 100, 8, "Neptune", 40, 4),
    FIVE_OF_A_KIND("Five of a Kind", 120, 12, "Planet X", 35, 3),
    FLUSH_HOUSE("Flush House", 140, 14, "Ceres", 40, 4),
    FLUSH_FIVE("Flush Five", 160, 16, "Eris", 50, 3);

    private final String displayName;
    private final int baseChips;
    private final int baseMult;
    private final String planet;
    private final int chipsPerLevel;
    private final int multPerLevel;

    HandType(String displayName, int baseChips, int baseMult, String planet, int chipsPerLevel, int multPerLevel) {
        this.displayName = displayName;
        this.baseChips = baseChips;
        this.baseMult = baseMult;
        this.planet = planet;
        this.chipsPerLevel = chipsPerLevel;
        this.multPerLevel = multPerLevel;
    }

    public String displayName() {
        return displayName;
    }

    public String planet() {
        return planet;
    }

    public int chipsAt(int level) {
        return baseChips + chipsPerLevel * (level - 1);
    }

    public int multAt(int level) {
        return baseMult + multPerLevel * (level - 1);
    }

    /** Whether a hand of this type also contains {@code other} (a full house contains a pair, and so on). */
    public boolean contains(HandType other) {
        if (this == other) {
            return true;
        }
        return switch (other) {
            case PAIR -> this == TWO_PAIR || this == THREE_OF_A_KIND || this == FULL_HOUSE || this == FOUR_OF_A_KIND
                    || this == FIVE_OF_A_KIND || this == FLUSH_HOUSE || this == FLUSH_FIVE;
            case TWO_PAIR -> this == FULL_HOUSE || this == FLUSH_HOUSE;
            case THREE_OF_A_KIND -> this == FULL_HOUSE || this == FOUR_OF_A_KIND || this == FIVE_OF_A_KIND
                    || this == FLUSH_HOUSE || this == FLUSH_FIVE;
            case STRAIGHT -> this == STRAIGHT_FLUSH;
            case FLUSH -> this == STRAIGHT_FLUSH || this == FLUSH_HOUSE || this == FLUSH_FIVE;
            case FOUR_OF_A_KIND -> this == FIVE_OF_A_KIND || this == FLUSH_FIVE;
            default -> false;
        };
    }

    /** The planet card that levels up a hand type, or null when {@code name} is no planet. */
    public static HandType ofPlanet(String name) {
        for (HandType type : values()) {
            if (type.planet.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
