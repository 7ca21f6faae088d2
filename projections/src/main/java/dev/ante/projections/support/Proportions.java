package dev.ante.projections.support;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Comparing two win rates, as docs/read-models.md ("Comparing two strategies") defines it: Wilson score
 * intervals, the two-proportion z-test and Newcombe's hybrid score interval for independent samples, and
 * McNemar's exact test with Newcombe's interval for paired ones. Every interval is at 95 % with the same z
 * as the read models' Wilson bound ({@link Wilson#Z}).
 */
public final class Proportions {

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private Proportions() {
    }

    /** The Wilson score interval of {@code x} successes out of {@code n}; {@code n} must be positive. */
    public static double[] wilson(long x, long n) {
        double z = Wilson.Z;
        double p = (double) x / n;
        double z2 = z * z;
        double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        // x = 0 and x = n give exactly 0 and 1; floating point would leave the last bit off.
        return new double[] {x == 0 ? 0.0 : centre - half, x == n ? 1.0 : centre + half};
    }

    /** Two-sided p-value of the pooled two-proportion z-test; 1 when the pooled rate is 0 or 1. */
    public static double zTestPValue(long x1, long n1, long x2, long n2) {
        double pooled = (double) (x1 + x2) / (n1 + n2);
        if (pooled == 0 || pooled == 1) {
            return 1.0;
        }
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        double z = ((double) x1 / n1 - (double) x2 / n2) / se;
        return Math.min(1.0, 2 * NORMAL.cumulativeProbability(-Math.abs(z)));
    }

    /** Newcombe's hybrid score interval (his method 10) for {@code x1/n1 − x2/n2}, independent samples. */
    public static double[] newcombe(long x1, long n1, long x2, long n2) {
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double[] w1 = wilson(x1, n1);
        double[] w2 = wilson(x2, n2);
        double d = p1 - p2;
        return new double[] {
                d - Math.sqrt(sq(p1 - w1[0]) + sq(w2[1] - p2)),
                d + Math.sqrt(sq(w1[1] - p1) + sq(p2 - w2[0]))};
    }

    /**
     * Two-sided p-value of McNemar's exact test: the discordant pairs {@code b} (only the first won) and
     * {@code c} (only the second won) against a fair coin; 1 with no discordant pair.
     */
    public static double mcNemarExact(long b, long c) {
        long n = b + c;
        if (n == 0) {
            return 1.0;
        }
        BinomialDistribution coin = new BinomialDistribution(null, (int) n, 0.5);
        return Math.min(1.0, 2 * coin.cumulativeProbability((int) Math.min(b, c)));
    }

    /**
     * Newcombe's score interval (his method 10 for paired data) for the difference of the two win rates
     * over {@code a + b + c + d} pairs: {@code a} both won, {@code b} only the first, {@code c} only the
     * second, {@code d} neither.
     */
    public static double[] newcombePaired(long a, long b, long c, long d) {
        long n = a + b + c + d;
        double p1 = (double) (a + b) / n;
        double p2 = (double) (a + c) / n;
        double[] w1 = wilson(a + b, n);
        double[] w2 = wilson(a + c, n);
        double d1 = p1 - w1[0];
        double e1 = w1[1] - p1;
        double d2 = p2 - w2[0];
        double e2 = w2[1] - p2;
        double denominator = Math.sqrt((double) (a + b) * (c + d) * (a + c) * (b + d));
        double phi = denominator == 0 ? 0 : ((double) a * d - (double) b * c) / denominator;
        double diff = p1 - p2;
        return new double[] {
                diff - Math.sqrt(Math.max(0, sq(d1) - 2 * phi * d1 * e2 + sq(e2))),
                diff + Math.sqrt(Math.max(0, sq(e1) - 2 * phi * e1 * d2 + sq(d2)))};
    }

    private static double sq(double x) {
        return x * x;
    }
}
