package dev.ante.api.read;

import dev.ante.api.config.AnteProperties;
import dev.ante.api.error.ServiceBusyException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes waits without a thread per waiting request: a read that must wait for a position
 * registers here, and one timer thread checks every source each 10 ms, completing the waits that have
 * reached their position or their deadline. At most {@code ante.reads.max-position-waiters} reads wait
 * at once; one more gets 503 with Retry-After. Reads that waited continue on a small pool of their own.
 */
@Component
public class PositionWaits implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PositionWaits.class);
    private static final long TICK_MILLIS = 10;
    private static final int READ_THREADS = 4;

    private record Waiter(String source, LongSupplier position, long wanted, long deadline,
                          CompletableFuture<Freshness> done) {
    }

    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final ScheduledExecutorService timer;
    private final ExecutorService readers;
    private final Duration maxWait;
    private final int maxWaiters;

    public PositionWaits(AnteProperties properties) {
        this.maxWait = properties.reads().maxPositionWait();
        this.maxWaiters = properties.reads().maxPositionWaiters();
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("position-waits"));
        this.readers = Executors.newFixedThreadPool(READ_THREADS, daemon("position-reads"));
        timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Completes once {@code position} of {@code source} reaches {@code wanted}, or after the longest wait
     * with where it stood; at once when it already has.
     *
     * @throws ServiceBusyException when the most reads that may wait already do
     */
    public CompletableFuture<Freshness> await(String source, LongSupplier position, long wanted) {
        long at = position.getAsLong();
        if (at >= wanted) {
            return CompletableFuture.completedFuture(new Freshness(wanted, at));
        }
        if (waiting.incrementAndGet() > maxWaiters) {
            waiting.decrementAndGet();
            throw new ServiceBusyException("already " + maxWaiters + " reads are waiting for a minPosition; "
                    + "retry shortly", Duration.ofSeconds(1));
        }
        CompletableFuture<Freshness> done = new CompletableFuture<>();
        waiters.add(new Waiter(source, position, wanted, System.nanoTime() + maxWait.toNanos(), done));
        return done;
    }

    /** Where reads continue after they waited, so that neither the timer nor a request thread runs them. */
    public ExecutorService readers() {
        return readers;
    }

    /** Reads waiting now. */
    public int waiting() {
        return waiting.get();
    }

    private void tick() {
        if (waiters.isEmpty()) {
            return;
        }
        try {
            long now = System.nanoTime();
            Map<String, Long> positions = new HashMap<>();
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                long at = positions.computeIfAbsent(w.source(), s -> w.position().getAsLong());
                if (at >= w.wanted() || now - w.deadline() >= 0) {
                    it.remove();
                    waiting.decrementAndGet();
                    w.done().complete(new Freshness(w.wanted(), at));
                }
            }
        } catch (RuntimeException e) {
            // A source that cannot say where it stands now may next time; the waits keep their deadlines.
            log.warn("checking read positions failed", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
        readers.shutdownNow();
        waiters.forEach(w -> w.done().cancel(false));
    }
}
