package dev.ante.projections.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/** Means as researchers compute them by hand: {@code (double) sum / count}. */
public final class Averages {

    private static final BigInteger EXACT_IN_DOUBLE = BigInteger.ONE.shiftLeft(53);

    private Averages() {
    }

    /**
     * The mean of {@code count} values adding up to {@code sum}, 0 when there are none. While the sum is
     * exact in a double this is one correctly rounded division, the same as a hand computation; beyond
     * 2^53 it divides in 34 digits first.
     */
    public static double mean(BigInteger sum, long count) {
        if (count == 0) {
            return 0.0;
        }
        if (sum.abs().compareTo(EXACT_IN_DOUBLE) < 0) {
            return sum.doubleValue() / count;
        }
        return new BigDecimal(sum).divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).doubleValue();
    }

    public static Double meanOrNull(long sum, long count) {
        return count == 0 ? null : mean(BigInteger.valueOf(sum), count);
    }
}
