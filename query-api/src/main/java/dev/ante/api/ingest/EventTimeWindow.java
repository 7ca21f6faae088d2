package dev.ante.api.ingest;

import dev.ante.domain.Violation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The times an event's {@code occurredAt} may take in one request: no more than {@code maxAge} before the
 * request arrived ({@code now}) and no more than {@code maxLead} after it. A backfill request
 * ({@code ?backfill=true}) takes any time, so that history can be imported: that is {@link #ANY}.
 */
public record EventTimeWindow(Instant now, Duration maxAge, Duration maxLead) {

    /** A window that takes every time: a backfill, or a caller that checks none. */
    public static final EventTimeWindow ANY = new EventTimeWindow(null, null, null);

    /** The window for a request arriving now by {@code clock}; {@link #ANY} for a backfill. */
    public static EventTimeWindow around(Clock clock, Duration maxAge, Duration maxLead, boolean backfill) {
        return backfill ? ANY : new EventTimeWindow(clock.instant(), maxAge, maxLead);
    }

    /** Adds a violation for event {@code index} when {@code occurredAt} falls outside the window. */
    void check(Instant occurredAt, int index, List<Violation> out) {
        if (now == null) {
            return;
        }
        Duration offset = Duration.between(now, occurredAt);
        if (tooOld(offset)) {
            out.add(new Violation(index, "occurredAt", "is " + span(offset.negated()) + " in the past, more than the "
                    + span(maxAge) + " allowed (ante.ingest.max-event-age); post older events with ?backfill=true"));
        } else if (offset.compareTo(maxLead) > 0) {
            out.add(new Violation(index, "occurredAt", "is " + span(offset) + " in the future, more than the "
                    + span(maxLead) + " allowed (ante.ingest.max-event-lead); check the agent's clock"));
        }
    }

    /**
     * Whether {@code offset} (the event's time minus the request's) lies more than {@code maxAge} in the past:
     * offset + maxAge < 0, which unlike {@code offset.negated()} allocates no BigDecimal for every event checked. A
     * maximum age too large to add to is past any time an event can carry.
     */
    private boolean tooOld(Duration offset) {
        try {
            return maxAge.plus(offset).isNegative();
        } catch (ArithmeticException beyondAnyTime) {
            return false;
        }
    }

    /** A duration in words a person reads at a glance: "3d 4h", "26h 5m", "7m 30s", "1.250s". */
    static String span(Duration d) {
        long seconds = d.getSeconds();
        if (seconds >= 2 * 86_400) {
            return seconds / 86_400 + "d " + seconds % 86_400 / 3_600 + "h";
        }
        if (seconds >= 3_600) {
            return seconds / 3_600 + "h " + seconds % 3_600 / 60 + "m";
        }
        if (seconds >= 60) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        return String.format(Locale.ROOT, "%d.%03ds", seconds, d.toMillisPart());
    }
}
