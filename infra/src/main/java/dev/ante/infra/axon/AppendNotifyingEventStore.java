package dev.ante.infra.axon;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, told when events were appended to the store below it. The write path
 * appends straight to the stream store rather than publishing through Axon; the event processors still read
 * the log through this store, whose reader waits for news before it looks again, so each append tells it.
 *
 * <p>Each wake costs the reader a query of the log, however few events it finds. Appends that come within
 * {@code minInterval} of the last wake therefore wake it once, at the end of that interval, and it reads them
 * together; an append after a quiet interval wakes it at once. So a light load is read as soon as it is
 * written, and a heavy one of small requests is read a few events at a time instead of one query per request.
 */
public class AppendNotifyingEventStore extends EmbeddedEventStore {

    private final long minIntervalNanos;
    private final AtomicLong lastWake = new AtomicLong(System.nanoTime() - TimeUnit.DAYS.toNanos(1));
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private final ScheduledExecutorService timer;

    /** A store whose reader is woken at once by every append. */
    public AppendNotifyingEventStore(Builder builder) {
        this(builder, Duration.ZERO);
    }

    /** A store whose reader is woken at most once per {@code minInterval} (zero: at every append). */
    public AppendNotifyingEventStore(Builder builder, Duration minInterval) {
        super(builder);
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("minInterval must not be negative, was " + minInterval);
        }
        this.minIntervalNanos = minInterval.toNanos();
        if (minIntervalNanos == 0) {
            this.timer = null;
        } else {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "log-reader-wakes");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            this.timer = executor;
        }
    }

    /** Wakes the processors' reader, now or at the end of the current interval: the store holds events it has not read yet. */
    public void appended() {
        if (timer == null) {
            afterCommit(List.of());
            return;
        }
        long now = System.nanoTime();
        long last = lastWake.get();
        if (now - last >= minIntervalNanos && lastWake.compareAndSet(last, now)) {
            afterCommit(List.of());
            return;
        }
        // A wake is due within the interval; one scheduled after this append's commit reads it too.
        if (wakeScheduled.compareAndSet(false, true)) {
            long delay = Math.max(0, last + minIntervalNanos - now);
            try {
                timer.schedule(this::scheduledWake, delay, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                wakeScheduled.set(false);
                afterCommit(List.of());
            }
        }
    }

    private void scheduledWake() {
        wakeScheduled.set(false);
        lastWake.set(System.nanoTime());
        afterCommit(List.of());
    }

    @Override
    public void shutDown() {
        if (timer != null) {
            timer.shutdownNow();
        }
        super.shutDown();
    }
}
