package dev.ante.simulator.game;

/** Boss blinds: the first ante each may appear in, how many times the base chips it asks, and its rule. */
public enum Boss {
    THE_HOOK("The Hook", 1, 2, Rule.NONE),
    THE_WALL("The Wall", 2, 4, Rule.NONE),
    THE_CLUB("The Club", 1, 2, Rule.DEBUFF_CLUBS),
    THE_GOAD("The Goad", 1, 2, Rule.DEBUFF_SPADES),
    THE_WINDOW("The Window", 1, 2, Rule.DEBUFF_DIAMONDS),
    THE_HEAD("The Head", 1, 2, Rule.DEBUFF_HEARTS),
    THE_PSYCHIC("The Psychic", 1, 2, Rule.FIVE_CARDS),
    THE_NEEDLE("The Needle", 2, 1, Rule.ONE_HAND),
    THE_WATER("The Water", 2, 2, Rule.NO_DISCARDS),
    THE_MANACLE("The Manacle", 1, 2, Rule.SMALLER_HAND),
    THE_FLINT("The Flint", 2, 2, Rule.HALF_BASE),
    THE_EYE("The Eye", 3, 2, Rule.NO_REPEAT_TYPE),
    THE_MOUTH("The Mouth", 2, 2, Rule.ONE_TYPE),
    THE_PLANT("The Plant", 4, 2, Rule.DEBUFF_FACES),
    THE_ARM("The Arm", 2, 2, Rule.LEVEL_DOWN),
    THE_OX("The Ox", 6, 2, Rule.MOST_PLAYED_COSTS_MONEY),
    THE_TOOTH("The Tooth", 3, 2, Rule.MONEY_PER_CARD),
    THE_SERPENT("The Serpent", 5, 2, Rule.NONE),
    THE_PILLAR("The Pillar", 1, 2, Rule.NONE),
    THE_HOUSE("The House", 2, 2, Rule.NONE),
    THE_WHEEL("The Wheel", 2, 2, Rule.NONE),
    THE_FISH("The Fish", 2, 2, Rule.NONE),
    THE_MARK("The Mark", 2, 2, Rule.NONE),
    VIOLET_VESSEL("Violet Vessel", 8, 6, Rule.NONE),
    CRIMSON_HEART("Crimson Heart", 8, 2, Rule.DISABLE_JOKER),
    CERULEAN_BELL("Cerulean Bell", 8, 2, Rule.NONE),
    AMBER_ACORN("Amber Acorn", 8, 2, Rule.NONE),
    VERDANT_LEAF("Verdant Leaf", 8, 2, Rule.DEBUFF_ALL_UNTIL_SALE);

    /** What the boss changes about the round. */
    public enum Rule {
        NONE, DEBUFF_CLUBS, DEBUFF_SPADES, DEBUFF_DIAMONDS, DEBUFF_HEARTS, DEBUFF_FACES, FIVE_CARDS, ONE_HAND,
        NO_DISCARDS, SMALLER_HAND, HALF_BASE, NO_REPEAT_TYPE, ONE_TYPE, LEVEL_DOWN, MOST_PLAYED_COSTS_MONEY,
        MONEY_PER_CARD, DISABLE_JOKER, DEBUFF_ALL_UNTIL_SALE
    }

    private final String displayName;
    private final int minAnte;
    private final int chipFactor;
    private final Rule rule;

    Boss(String displayName, int minAnte, int chipFactor, Rule rule) {
        this.displayName = displayName;
        this.minAnte = minAnte;
        this.chipFactor = chipFactor;
        this.rule = rule;
    }

    public String displayName() {
        return displayName;
    }

    public int minAnte() {
        return minAnte;
    }

    public int chipFactor() {
        return chipFactor;
    }

    public Rule rule() {
        return rule;
    }

    /** Finisher bosses guard every eighth ante. */
    public boolean isFinisher() {
        return minAnte == 8;
    }

    public Scoring.Debuff debuff() {
        return switch (rule) {
            case DEBUFF_CLUBS -> Scoring.Debuff.CLUBS;
            case DEBUFF_SPADES -> Scoring.Debuff.SPADES;
            case DEBUFF_DIAMONDS -> Scoring.Debuff.DIAMONDS;
            case DEBUFF_HEARTS -> Scoring.Debuff.HEARTS;
            case DEBUFF_FACES -> Scoring.Debuff.FACES;
            case DEBUFF_ALL_UNTIL_SALE -> Scoring.Debuff.ALL;
            default -> Scoring.Debuff.NONE;
        };
    }
}
