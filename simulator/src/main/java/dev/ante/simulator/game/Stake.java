package dev.ante.simulator.game;

/** The difficulty levels: how fast blinds grow, and what else they take away. */
public enum Stake {
    WHITE("White Stake", new long[] {300, 800, 2_000, 5_000, 11_000, 20_000, 35_000, 50_000}, 0, true),
    RED("Red Stake", new long[] {300, 800, 2_000, 5_000, 11_000, 20_000, 35_000, 50_000}, 0, false),
    GREEN("Green Stake", new long[] {300, 900, 2_600, 8_000, 20_000, 36_000, 60_000, 100_000}, 0, false),
    BLUE("Blue Stake", new long[] {300, 900, 2_600, 8_000, 20_000, 36_000, 60_000, 100_000}, 1, false),
    PURPLE("Purple Stake", new long[] {300, 1_000, 3_200, 9_000, 25_000, 60_000, 110_000, 200_000}, 1, false);

    /**
     * The simulated game has a fraction of the real game's sources of power (about seventy jokers, no
     * editions, seals or retriggers), so its blinds ask for this share of the real chip targets; with it,
     * agents reach the same antes as in play reports of the real game.
     */
    static final double CALIBRATION = Double.parseDouble(System.getProperty("ante.sim.calibration", "0.5"));

    private final String displayName;
    private final long[] baseChips;
    private final int fewerDiscards;
    private final boolean smallBlindPays;

    Stake(String displayName, long[] baseChips, int fewerDiscards, boolean smallBlindPays) {
        this.displayName = displayName;
        this.baseChips = baseChips;
        this.fewerDiscards = fewerDiscards;
        this.smallBlindPays = smallBlindPays;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * The base chips of an ante. Beyond ante 8 (endless play) the requirement would leave the range of a
     * score within a few antes, so a sandbox {@code cap} holds it at the level of ante {@code cap}.
     */
    public long baseChips(int ante, int cap) {
        int at = Math.min(Math.min(ante, cap), baseChips.length);
        return Math.round(baseChips[at - 1] * CALIBRATION / 50) * 50;
    }

    public int fewerDiscards() {
        return fewerDiscards;
    }

    public boolean smallBlindPays() {
        return smallBlindPays;
    }
}
