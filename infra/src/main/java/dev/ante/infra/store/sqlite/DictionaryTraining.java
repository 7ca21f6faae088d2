package dev.ante.infra.store.sqlite;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the store's dictionary training on a thread of its own, once at a time, so that the append that
 * reaches the threshold does not wait for it. A failed training is logged and tried again by a later append
 * no sooner than a minute after.
 */
final class DictionaryTraining {

    private static final Logger log = LoggerFactory.getLogger(DictionaryTraining.class);
    private static final long RETRY_AFTER_NANOS = TimeUnit.MINUTES.toNanos(1);

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    private final Work work;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService thread;
    private volatile boolean failed;
    private volatile long retryAt;

    DictionaryTraining(Work work) {
        this.work = work;
        ThreadPoolExecutor executor = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "ante-events-dictionary");
                    t.setDaemon(true);
                    return t;
                });
        this.thread = executor;
    }

    /** Starts a training unless one is running or the last failed less than a minute ago. */
    void start() {
        if ((failed && System.nanoTime() - retryAt < 0) || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.execute(() -> {
                try {
                    work.run();
                    failed = false;
                } catch (Exception e) {
                    retryAt = System.nanoTime() + RETRY_AFTER_NANOS;
                    failed = true;
                    log.warn("Training the event store's compression dictionary failed; events stay uncompressed"
                            + " and it is tried again in a minute: {}", e.toString());
                } finally {
                    running.set(false);
                }
            });
        } catch (RuntimeException e) {
            running.set(false);
        }
    }

    /** Stops accepting trainings and waits a little for one in progress. */
    void stop() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
