package dev.ante.api.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProjectionRatesTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong();
    private final ProjectionRates rates = new ProjectionRates(now::get);

    @Test
    void givenFewerThanTwoSamples_whenAskingTheRate_thenZero() {
        assertThat(rates.rate("synergies")).isZero();
        rates.sample("synergies", 100);
        assertThat(rates.rate("synergies")).isZero();
    }

    @Test
    void givenSamples_whenAskingTheRate_thenEventsPerSecondOverThem() {
        rates.sample("synergies", 0);
        now.addAndGet(SECOND);
        rates.sample("synergies", 100);
        now.addAndGet(SECOND);
        rates.sample("synergies", 300);

        assertThat(rates.rate("synergies")).isEqualTo(150.0);
        assertThat(rates.rate("winning")).isZero();
    }

    @Test
    void givenSamplesOlderThanTheWindow_whenAskingTheRate_thenOnlyTheLastTenSecondsCount() {
        rates.sample("synergies", 0);
        for (int second = 1; second <= 20; second++) {
            now.addAndGet(SECOND);
            // 1,000 events/s for the first ten seconds, then 10/s.
            rates.sample("synergies", second <= 10 ? second * 1_000L : 10_000 + (second - 10) * 10L);
        }

        assertThat(rates.rate("synergies")).isEqualTo(10.0);
    }

    @Test
    void givenAReplay_whenThePositionGoesBack_thenTheOldPaceIsForgotten() {
        rates.sample("synergies", 5_000);
        now.addAndGet(SECOND);
        rates.sample("synergies", 6_000);
        now.addAndGet(SECOND);
        rates.sample("synergies", 10);
        assertThat(rates.rate("synergies")).isZero();
        now.addAndGet(SECOND / 2);
        rates.sample("synergies", 510);

        assertThat(rates.rate("synergies")).isEqualTo(1_000.0);
    }
}
