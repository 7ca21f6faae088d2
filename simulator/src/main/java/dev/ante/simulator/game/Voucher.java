package dev.ante.simulator.game;

/** Vouchers: permanent upgrades bought in the shop, one on offer per ante. */
public enum Voucher {
    OVERSTOCK("Overstock"),
    CLEARANCE_SALE("Clearance Sale"),
    GRABBER("Grabber"),
    WASTEFUL("Wasteful"),
    SEED_MONEY("Seed Money"),
    REROLL_SURPLUS("Reroll Surplus"),
    PAINT_BRUSH("Paint Brush"),
    MAGIC_TRICK("Magic Trick"),
    CRYSTAL_BALL("Crystal Ball"),
    TELESCOPE("Telescope"),
    BLANK("Blank");

    /** What every voucher costs. */
    public static final int COST = 10;

    private final String displayName;

    Voucher(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
