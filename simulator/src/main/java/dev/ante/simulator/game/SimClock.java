package dev.ante.simulator.game;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An agent's clock. Simulated durations are scaled by {@code timeScale}, so a demo can compress a
 * ten-minute game into seconds while benchmarks keep realistic spacing. Never goes backwards and always
 * moves forward by at least a microsecond per event.
 */
public final class SimClock {

    private final double timeScale;
    private Instant now;

    public SimClock(Instant start, double timeScale) {
        this.now = start.truncatedTo(ChronoUnit.MICROS);
        this.timeScale = timeScale;
    }

    public Instant now() {
        return now;
    }

    /** Moves on by {@code millis} of simulated time (plus {@code micros} of jitter) and returns the new time. */
    public Instant advance(long millis, long micros) {
        long scaled = Math.max(1, Math.round((millis * 1_000 + micros) * timeScale));
        now = now.plus(scaled, ChronoUnit.MICROS);
        return now;
    }

    /** Jumps to {@code instant} if it lies ahead. */
    public void atLeast(Instant instant) {
        if (instant.isAfter(now)) {
            now = instant;
        }
    }
}
