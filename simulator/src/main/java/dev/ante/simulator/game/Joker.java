package dev.ante.simulator.game;

/**
 * The jokers the simulation knows, by their names in the game, with rarity, shop cost, what kind of
 * bonus they give and the build they belong to. Their scoring rules live in {@link Scoring}.
 */
public enum Joker {
    JOKER("Joker", Rarity.COMMON, 2, Kind.MULT, Focus.ANY),
    GREEDY_JOKER("Greedy Joker", Rarity.COMMON, 5, Kind.MULT, Focus.FLUSH),
    LUSTY_JOKER("Lusty Joker", Rarity.COMMON, 5, Kind.MULT, Focus.FLUSH),
    WRATHFUL_JOKER("Wrathful Joker", Rarity.COMMON, 5, Kind.MULT, Focus.FLUSH),
    GLUTTONOUS_JOKER("Gluttonous Joker", Rarity.COMMON, 5, Kind.MULT, Focus.FLUSH),
    JOLLY_JOKER("Jolly Joker", Rarity.COMMON, 3, Kind.MULT, Focus.PAIRS),
    ZANY_JOKER("Zany Joker", Rarity.COMMON, 4, Kind.MULT, Focus.PAIRS),
    MAD_JOKER("Mad Joker", Rarity.COMMON, 4, Kind.MULT, Focus.PAIRS),
    CRAZY_JOKER("Crazy Joker", Rarity.COMMON, 4, Kind.MULT, Focus.STRAIGHT),
    DROLL_JOKER("Droll Joker", Rarity.COMMON, 4, Kind.MULT, Focus.FLUSH),
    SLY_JOKER("Sly Joker", Rarity.COMMON, 3, Kind.CHIPS, Focus.PAIRS),
    WILY_JOKER("Wily Joker", Rarity.COMMON, 4, Kind.CHIPS, Focus.PAIRS),
    CLEVER_JOKER("Clever Joker", Rarity.COMMON, 4, Kind.CHIPS, Focus.PAIRS),
    DEVIOUS_JOKER("Devious Joker", Rarity.COMMON, 4, Kind.CHIPS, Focus.STRAIGHT),
    CRAFTY_JOKER("Crafty Joker", Rarity.COMMON, 4, Kind.CHIPS, Focus.FLUSH),
    HALF_JOKER("Half Joker", Rarity.COMMON, 5, Kind.MULT, Focus.PAIRS),
    BANNER("Banner", Rarity.COMMON, 5, Kind.CHIPS, Focus.ANY),
    MYSTIC_SUMMIT("Mystic Summit", Rarity.COMMON, 5, Kind.MULT, Focus.ANY),
    EVEN_STEVEN("Even Steven", Rarity.COMMON, 4, Kind.MULT, Focus.ANY),
    ODD_TODD("Odd Todd", Rarity.COMMON, 4, Kind.CHIPS, Focus.ANY),
    SCHOLAR("Scholar", Rarity.COMMON, 4, Kind.MULT, Focus.ANY),
    WALKIE_TALKIE("Walkie Talkie", Rarity.COMMON, 4, Kind.MULT, Focus.ANY),
    SCARY_FACE("Scary Face", Rarity.COMMON, 4, Kind.CHIPS, Focus.FACES),
    SMILEY_FACE("Smiley Face", Rarity.COMMON, 4, Kind.MULT, Focus.FACES),
    ABSTRACT_JOKER("Abstract Joker", Rarity.COMMON, 4, Kind.MULT, Focus.ANY),
    GROS_MICHEL("Gros Michel", Rarity.COMMON, 5, Kind.MULT, Focus.ANY),
    ICE_CREAM("Ice Cream", Rarity.COMMON, 5, Kind.CHIPS, Focus.ANY),
    POPCORN("Popcorn", Rarity.COMMON, 5, Kind.MULT, Focus.ANY),
    GREEN_JOKER("Green Joker", Rarity.COMMON, 4, Kind.MULT, Focus.ANY),
    RIDE_THE_BUS("Ride the Bus", Rarity.COMMON, 6, Kind.MULT, Focus.STRAIGHT),
    SUPERNOVA("Supernova", Rarity.COMMON, 5, Kind.MULT, Focus.ANY),
    RUNNER("Runner", Rarity.COMMON, 5, Kind.CHIPS, Focus.STRAIGHT),
    SQUARE_JOKER("Square Joker", Rarity.COMMON, 4, Kind.CHIPS, Focus.PAIRS),
    PHOTOGRAPH("Photograph", Rarity.COMMON, 5, Kind.XMULT, Focus.FACES),
    SHOOT_THE_MOON("Shoot the Moon", Rarity.COMMON, 5, Kind.MULT, Focus.FACES),
    GOLDEN_JOKER("Golden Joker", Rarity.COMMON, 6, Kind.ECONOMY, Focus.ANY),
    EGG("Egg", Rarity.COMMON, 4, Kind.ECONOMY, Focus.ANY),
    DELAYED_GRATIFICATION("Delayed Gratification", Rarity.COMMON, 4, Kind.ECONOMY, Focus.ANY),
    JUGGLER("Juggler", Rarity.COMMON, 4, Kind.UTILITY, Focus.ANY),
    DRUNKARD("Drunkard", Rarity.COMMON, 4, Kind.UTILITY, Focus.ANY),
    FIBONACCI("Fibonacci", Rarity.UNCOMMON, 8, Kind.MULT, Focus.ANY),
    FOUR_FINGERS("Four Fingers", Rarity.UNCOMMON, 7, Kind.UTILITY, Focus.FLUSH),
    SMEARED_JOKER("Smeared Joker", Rarity.UNCOMMON, 7, Kind.UTILITY, Focus.FLUSH),
    BLACKBOARD("Blackboard", Rarity.UNCOMMON, 6, Kind.XMULT, Focus.ANY),
    SPARE_TROUSERS("Spare Trousers", Rarity.UNCOMMON, 6, Kind.MULT, Focus.PAIRS),
    CONSTELLATION("Constellation", Rarity.UNCOMMON, 6, Kind.XMULT, Focus.ANY),
    BULL("Bull", Rarity.UNCOMMON, 6, Kind.CHIPS, Focus.ANY),
    BOOTSTRAPS("Bootstraps", Rarity.UNCOMMON, 7, Kind.MULT, Focus.ANY),
    CAVENDISH("Cavendish", Rarity.UNCOMMON, 4, Kind.XMULT, Focus.ANY),
    TO_THE_MOON("To the Moon", Rarity.UNCOMMON, 5, Kind.ECONOMY, Focus.ANY),
    SEEING_DOUBLE("Seeing Double", Rarity.UNCOMMON, 6, Kind.XMULT, Focus.ANY),
    FLOWER_POT("Flower Pot", Rarity.UNCOMMON, 6, Kind.XMULT, Focus.ANY),
    ACROBAT("Acrobat", Rarity.UNCOMMON, 6, Kind.XMULT, Focus.ANY),
    CARD_SHARP("Card Sharp", Rarity.UNCOMMON, 6, Kind.XMULT, Focus.ANY),
    RAMEN("Ramen", Rarity.UNCOMMON, 6, Kind.XMULT, Focus.ANY),
    STENCIL("Joker Stencil", Rarity.UNCOMMON, 8, Kind.XMULT, Focus.ANY),
    LOYALTY_CARD("Loyalty Card", Rarity.UNCOMMON, 5, Kind.XMULT, Focus.ANY),
    ROCKET("Rocket", Rarity.UNCOMMON, 6, Kind.ECONOMY, Focus.ANY),
    STUNTMAN("Stuntman", Rarity.RARE, 7, Kind.CHIPS, Focus.ANY),
    THE_DUO("The Duo", Rarity.RARE, 8, Kind.XMULT, Focus.PAIRS),
    THE_TRIO("The Trio", Rarity.RARE, 8, Kind.XMULT, Focus.PAIRS),
    THE_FAMILY("The Family", Rarity.RARE, 8, Kind.XMULT, Focus.PAIRS),
    THE_ORDER("The Order", Rarity.RARE, 8, Kind.XMULT, Focus.STRAIGHT),
    THE_TRIBE("The Tribe", Rarity.RARE, 8, Kind.XMULT, Focus.FLUSH),
    BLUEPRINT("Blueprint", Rarity.RARE, 10, Kind.COPY, Focus.ANY),
    BRAINSTORM("Brainstorm", Rarity.RARE, 10, Kind.COPY, Focus.ANY),
    BARON("Baron", Rarity.RARE, 8, Kind.XMULT, Focus.FACES);

    /** How often a joker shows up in the shop. */
    public enum Rarity {
        COMMON, UNCOMMON, RARE
    }

    /** What a joker gives, for an agent weighing what to buy. */
    public enum Kind {
        CHIPS, MULT, XMULT, ECONOMY, UTILITY, COPY
    }

    private final String displayName;
    private final Rarity rarity;
    private final int cost;
    private final Kind kind;
    private final Focus focus;

    Joker(String displayName, Rarity rarity, int cost, Kind kind, Focus focus) {
        this.displayName = displayName;
        this.rarity = rarity;
        this.cost = cost;
        this.kind = kind;
        this.focus = focus;
    }

    public String displayName() {
        return displayName;
    }

    public Rarity rarity() {
        return rarity;
    }

    public int cost() {
        return cost;
    }

    public Kind kind() {
        return kind;
    }

    public Focus focus() {
        return focus;
    }

    /** The value a joker's counter starts at, for jokers that grow or shrink during a run. */
    public double initialCounter() {
        return switch (this) {
            case ICE_CREAM -> 100;
            case POPCORN -> 20;
            case CONSTELLATION -> 1.0;
            case RAMEN -> 2.0;
            case LOYALTY_CARD -> 5;
            default -> 0;
        };
    }
}
