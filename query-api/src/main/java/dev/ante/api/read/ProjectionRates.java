package dev.ante.api.read;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How fast each processor moves along the log: positions sampled about once a second, the rate taken over
 * the last {@value #WINDOW_SECONDS} seconds of samples. Thread-safe.
 */
final class ProjectionRates {

    static final int WINDOW_SECONDS = 10;
    private static final long WINDOW_NANOS = WINDOW_SECONDS * 1_000_000_000L;

    private record Sample(long nanos, long position) {
    }

    private final LongSupplier clock;
    private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();

    /** @param clock nanoseconds, as {@link System#nanoTime} */
    ProjectionRates(LongSupplier clock) {
        this.clock = clock;
    }

    /** Records where {@code name} stands now. */
    void sample(String name, long position) {
        long now = clock.getAsLong();
        Deque<Sample> history = samples.computeIfAbsent(name, n -> new ArrayDeque<>());
        synchronized (history) {
            if (!history.isEmpty() && position < history.peekLast().position()) {
                // A replay went back to the start: the old samples say nothing about the new pace.
                history.clear();
            }
            history.addLast(new Sample(now, position));
            while (history.size() > 2 && now - history.peekFirst().nanos() > WINDOW_NANOS) {
                history.removeFirst();
            }
        }
    }

    /** Events per second over the window, or 0 with fewer than two samples in it. */
    double rate(String name) {
        Deque<Sample> history = samples.get(name);
        if (history == null) {
            return 0;
        }
        synchronized (history) {
            if (history.size() < 2) {
                return 0;
            }
            Sample first = history.peekFirst();
            Sample last = history.peekLast();
            long nanos = last.nanos() - first.nanos();
            return nanos <= 0 ? 0 : (last.position() - first.position()) * 1e9 / nanos;
        }
    }
}
