package dev.ante.projections.support;

/** The 95 % Wilson score lower bound of a win rate, as the read models define it. */
public final class Wilson {

    /** z for a two-sided 95 % interval. */
    public static final double Z = 1.96;

    private Wilson() {
    }

    /** The lower bound for {@code wins} out of {@code wins + losses}; 0 when there are no games or no wins. */
    public static double lowerBound(long wins, long losses) {
        long n = wins + losses;
        // With no wins the bound is exactly 0 (centre and margin are both z²/2n), but in floating point the
        // two terms can differ in the last bit and leave ±1e-17, which no hand computation gives and which
        // ranks such a row below rows with no completed games at all.
        if (n == 0 || wins == 0) {
            return 0.0;
        }
        double p = (double) wins / n;
        double z2 = Z * Z;
        double centre = p + z2 / (2.0 * n);
        double margin = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return (centre - margin) / (1 + z2 / n);
    }

    /** {@code wins / (wins + losses)}, or null when there are none. */
    public static Double winRate(long wins, long losses) {
        long n = wins + losses;
        return n == 0 ? null : (double) wins / n;
    }
}
