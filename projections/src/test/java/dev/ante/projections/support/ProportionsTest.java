package dev.ante.projections.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The comparison's statistics against published and hand-computed values. Newcombe (1998), "Interval
 * estimation for the difference between independent proportions", gives 0.0524 to 0.3339 for
 * 56/70 − 48/80 with his method 10; the rest were computed by hand from the definitions in
 * docs/read-models.md (normal tail from erf, binomial sums from binomial coefficients).
 */
class ProportionsTest {

    @Test
    void givenNewcombesExample_whenTheUnpairedIntervalIsTaken_thenItIsThePublishedOne() {
        double[] ci = Proportions.newcombe(56, 70, 48, 80);
        assertThat(ci[0]).isCloseTo(0.0524, within(5e-4));
        assertThat(ci[1]).isCloseTo(0.3339, within(5e-4));
        assertThat(Proportions.zTestPValue(56, 70, 48, 80)).isCloseTo(0.0080451, within(1e-6));
    }

    @Test
    void givenSmallSamples_whenCompared_thenTheIntervalAndPValueAreTheHandComputedOnes() {
        double[] ci = Proportions.newcombe(3, 5, 1, 4);
        assertThat(ci[0]).isCloseTo(-0.2316320, within(1e-6));
        assertThat(ci[1]).isCloseTo(0.6986037, within(1e-6));
        assertThat(Proportions.zTestPValue(3, 5, 1, 4)).isCloseTo(0.2937181, within(1e-6));
    }

    @Test
    void givenNoWinsOnEitherSide_whenCompared_thenNoDifferenceIsSeenAndTheIntervalIsSymmetric() {
        assertThat(Proportions.zTestPValue(0, 10, 0, 10)).isEqualTo(1.0);
        double[] ci = Proportions.newcombe(0, 10, 0, 10);
        assertThat(ci[0]).isCloseTo(-0.2775402, within(1e-6));
        assertThat(ci[1]).isCloseTo(0.2775402, within(1e-6));
        assertThat(Proportions.wilson(0, 10)[0]).isZero();
        assertThat(Proportions.wilson(10, 10)[1]).isEqualTo(1.0);
    }

    @Test
    void givenIdenticalRecords_whenCompared_thenThePValueIsOne() {
        assertThat(Proportions.zTestPValue(7, 20, 7, 20)).isEqualTo(1.0);
        double[] ci = Proportions.newcombe(7, 20, 7, 20);
        assertThat(ci[0]).isCloseTo(-ci[1], within(1e-12));
    }

    @Test
    void givenDiscordantPairs_whenMcNemarsExactTestRuns_thenItIsTheBinomialTail() {
        assertThat(Proportions.mcNemarExact(5, 0)).isCloseTo(0.0625, within(1e-12));
        assertThat(Proportions.mcNemarExact(6, 2)).isCloseTo(74.0 / 256, within(1e-12));
        assertThat(Proportions.mcNemarExact(3, 3)).isEqualTo(1.0);
        assertThat(Proportions.mcNemarExact(0, 0)).isEqualTo(1.0);
    }

    @Test
    void givenPairedData_whenTheIntervalIsTaken_thenItIsNewcombesPairedScoreInterval() {
        // Only discordant pairs: 6 won by the first strategy alone, 2 by the second alone.
        double[] onlyDiscordant = Proportions.newcombePaired(0, 6, 2, 0);
        assertThat(onlyDiscordant[0]).isCloseTo(-0.1814602, within(1e-6));
        assertThat(onlyDiscordant[1]).isCloseTo(0.8570446, within(1e-6));
        double[] mixed = Proportions.newcombePaired(3, 2, 1, 4);
        assertThat(mixed[0]).isCloseTo(-0.2002442, within(1e-6));
        assertThat(mixed[1]).isCloseTo(0.3706802, within(1e-6));
    }
}
