package dev.ante.projections;

/**
 * The statistics a researcher would compute by hand, written out independently of the production code
 * so that the tests compare against the textbook formula rather than against themselves.
 */
public final class ByHand {

    private static final double Z = 1.96;

    private ByHand() {
    }

    /**
     * The 95 % Wilson score lower bound, (p + z²/2n − z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n). Only for
     * at least one win: with none, p = 0 and the bound is exactly 0, which the tests write out as 0.0.
     */
    public static double wilson(long wins, long losses) {
        if (wins == 0) {
            throw new IllegalArgumentException("with no wins the bound is 0.0; write it out");
        }
        double n = wins + losses;
        double p = wins / n;
        return (p + Z * Z / (2 * n) - Z * Math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))) / (1 + Z * Z / n);
    }
}
