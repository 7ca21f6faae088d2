package dev.ante.projections.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ante.projections.ByHand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WilsonTest {

    @Test
    void givenNoCompletedGames_whenBounded_thenWilsonIsZeroAndWinRateNull() {
        assertThat(Wilson.lowerBound(0, 0)).isEqualTo(0.0);
        assertThat(Wilson.winRate(0, 0)).isNull();
    }

    @Test
    void givenOneWin_whenBounded_thenWilsonIsTheFormulaForOneTrial() {
        assertThat(Wilson.lowerBound(1, 0)).isEqualTo(ByHand.wilson(1, 0));
        // 1 / (1 + 1.96²) written out, as a guard against both sides sharing a slip.
        assertThat(Wilson.lowerBound(1, 0)).isCloseTo(0.20654329147389294, within(1e-15));
        assertThat(Wilson.winRate(1, 0)).isEqualTo(1.0);
    }

    // For these n the formula's two equal terms cancel to ±1e-17 in floating point rather than to 0; a
    // researcher's 0 must match, and a row that never won must not rank below one that never finished.
    @ParameterizedTest(name = "0 wins, {0} losses")
    @ValueSource(longs = {1, 2, 5, 10, 11, 15, 22, 27, 1000})
    void givenNoWins_whenBounded_thenWilsonIsExactlyZero(long losses) {
        assertThat(Wilson.lowerBound(0, losses)).isEqualTo(0.0);
        assertThat(Wilson.winRate(0, losses)).isEqualTo(0.0);
    }

    @Test
    void givenWinsAndLosses_whenBounded_thenWilsonIsTheFormula() {
        assertThat(Wilson.lowerBound(1, 1)).isEqualTo(ByHand.wilson(1, 1));
        assertThat(Wilson.lowerBound(3, 1)).isEqualTo(ByHand.wilson(3, 1));
        assertThat(Wilson.lowerBound(2, 0)).isEqualTo(ByHand.wilson(2, 0));
        assertThat(Wilson.winRate(3, 1)).isEqualTo((double) 3 / 4);
    }
}
