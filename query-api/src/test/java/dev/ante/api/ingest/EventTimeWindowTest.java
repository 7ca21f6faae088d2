package dev.ante.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.domain.Violation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTimeWindowTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final EventTimeWindow WINDOW = EventTimeWindow.around(Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofHours(24), Duration.ofMinutes(5), false);

    private static List<Violation> check(EventTimeWindow window, Instant occurredAt) {
        List<Violation> out = new ArrayList<>();
        window.check(occurredAt, 3, out);
        return out;
    }

    @Test
    void takesTimesUpToTheMaximumAgeAndLeadInclusive() {
        assertThat(check(WINDOW, NOW)).isEmpty();
        assertThat(check(WINDOW, NOW.minus(Duration.ofHours(24)))).isEmpty();
        assertThat(check(WINDOW, NOW.plus(Duration.ofMinutes(5)))).isEmpty();
    }

    @Test
    void refusesATimeOneNanosecondOlderThanTheMaximumAge() {
        List<Violation> out = check(WINDOW, NOW.minus(Duration.ofHours(24)).minusNanos(1));
        assertThat(out).singleElement().satisfies(v -> {
            assertThat(v.index()).isEqualTo(3);
            assertThat(v.field()).isEqualTo("occurredAt");
            assertThat(v.message()).startsWith("is 24h 0m in the past, more than the 24h 0m allowed");
        });
    }

    @Test
    void refusesATimeOneNanosecondFurtherAheadThanTheMaximumLead() {
        List<Violation> out = check(WINDOW, NOW.plus(Duration.ofMinutes(5)).plusNanos(1));
        assertThat(out).singleElement().satisfies(v ->
                assertThat(v.message()).startsWith("is 5m 0s in the future, more than the 5m 0s allowed"));
    }

    @Test
    void aMaximumAgeBeyondAnyTimeTakesTheEarliestInstant() {
        EventTimeWindow window = new EventTimeWindow(NOW, Duration.ofSeconds(Long.MAX_VALUE), Duration.ofMinutes(5));
        assertThat(check(window, Instant.MIN)).isEmpty();
        assertThat(check(window, Instant.MAX)).hasSize(1);
    }

    @Test
    void aBackfillTakesAnyTime() {
        EventTimeWindow backfill = EventTimeWindow.around(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(24),
                Duration.ofMinutes(5), true);
        assertThat(check(backfill, Instant.EPOCH)).isEmpty();
        assertThat(check(backfill, NOW.plus(Duration.ofDays(365)))).isEmpty();
    }
}
