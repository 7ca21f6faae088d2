package dev.ante.api.stream;

import dev.ante.api.config.AnteProperties;
import dev.ante.api.error.ServiceBusyException;
import dev.ante.infra.codec.EventCodec;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StreamStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The live stream's one reader of the log. While any client is connected, one thread follows the log from
 * its head, builds each event's frame once and offers it to every subscription whose filter it passes;
 * appends through this instance wake it at once, and it also looks every {@code ante.stream.poll-interval}
 * for events appended elsewhere. With no client connected it reads nothing. Each client runs on a thread
 * of its own ({@link StreamSession}), at most {@code ante.stream.max-clients} at once. Nothing here ever
 * waits for a client: one that falls behind is dropped with an {@code overflow} frame.
 */
@Component
public class StreamHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamHub.class);
    private static final int PAGE = 1000;
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final StreamStore store;
    private final SseFrames frames;
    private final StreamTags tags;
    private final AnteProperties.Stream settings;
    private final Semaphore slots;
    private final ExecutorService clients;

    private final Object lock = new Object();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private long dispatched;

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong eventsSent = new AtomicLong();
    private final AtomicLong clientsDropped = new AtomicLong();
    private volatile boolean running;
    private volatile boolean active;
    private volatile boolean signalled;
    private volatile Thread tail;

    public StreamHub(StreamStore store, EventCodec codec, AnteProperties properties, MeterRegistry meters) {
        this.store = store;
        this.settings = properties.stream();
        this.frames = new SseFrames(codec);
        this.tags = new StreamTags(store, codec.mapper(), 20_000);
        this.slots = new Semaphore(settings.maxClients());
        AtomicInteger n = new AtomicInteger();
        this.clients = new ThreadPoolExecutor(0, settings.maxClients(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "stream-client-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        Gauge.builder("ante.stream.connections", connections, AtomicInteger::get)
                .description("Open live-stream connections").register(meters);
        FunctionCounter.builder("ante.stream.events.sent", eventsSent, AtomicLong::get)
                .description("Events sent to live-stream clients").register(meters);
        FunctionCounter.builder("ante.stream.clients.dropped", clientsDropped, AtomicLong::get)
                .description("Live-stream clients dropped for falling behind").register(meters);
    }

    /** What the stream is doing, for {@code GET /api/v1/stream/stats}. */
    public record Stats(int connections, long eventsSent, long clientsDropped, int maxConnections, int maxBuffered,
                        Long livePosition) {
    }

    public Stats stats() {
        Long position;
        synchronized (lock) {
            position = subscriptions.isEmpty() ? null : dispatched;
        }
        return new Stats(connections.get(), eventsSent.get(), clientsDropped.get(), settings.maxClients(),
                settings.maxBuffered(), position);
    }

    /**
     * Takes a place for one more client.
     *
     * @throws ServiceBusyException when {@code ante.stream.max-clients} are connected
     */
    public Slot reserve() {
        if (!running || !slots.tryAcquire()) {
            throw new ServiceBusyException("already " + settings.maxClients() + " live streams are open; retry later",
                    Duration.ofSeconds(5));
        }
        return new Slot();
    }

    /**
     * Whether {@code after} is a place in the log a client may resume from; a backend may refuse positions
     * that start no event.
     */
    public boolean resumable(long after) {
        try {
            store.readAll(after, 1);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A reserved place for one client; {@link #start} hands it to a client thread, {@link #release} gives it back. */
    public final class Slot {
        private boolean used;

        private Slot() {
        }

        /**
         * Streams {@code filter}'s events to {@code out} on a thread of its own: those after {@code after}
         * from the store first, then live ones (all live ones when {@code after} is null). {@code onEnd}
         * runs once the stream has ended, whatever ended it.
         */
        public StreamSession start(StreamFilter filter, Long after, OutputStream out, Runnable onEnd) {
            used = true;
            connections.incrementAndGet();
            StreamSession session = new StreamSession(StreamHub.this, filter, after, out, () -> {
                connections.decrementAndGet();
                slots.release();
                onEnd.run();
            });
            clients.execute(session);
            return session;
        }

        public void release() {
            if (!used) {
                used = true;
                slots.release();
            }
        }
    }

    /** Wakes the reader after an append through this instance; costs nothing while no client is connected. */
    public void appended() {
        if (active) {
            signalled = true;
            Thread t = tail;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    // --- for sessions ---------------------------------------------------------------------------------------

    AnteProperties.Stream settings() {
        return settings;
    }

    StreamStore store() {
        return store;
    }

    SseFrames frames() {
        return frames;
    }

    StreamTags tags() {
        return tags;
    }

    boolean running() {
        return running;
    }

    void sent(long events) {
        eventsSent.addAndGet(events);
    }

    /** Joins the live part: every passing event after the returned subscription's {@code liveFrom}. */
    Subscription subscribe(StreamFilter filter) {
        Subscription subscription;
        synchronized (lock) {
            if (subscriptions.isEmpty()) {
                // Nobody was listening, so nothing was read: the live part starts at the head.
                dispatched = store.headPosition();
            }
            subscription = new Subscription(filter, dispatched, settings.maxBuffered());
            if (!running) {
                subscription.close();
                return subscription;
            }
            subscriptions.add(subscription);
            active = true;
        }
        Thread t = tail;
        if (t != null) {
            LockSupport.unpark(t);
        }
        return subscription;
    }

    void unsubscribe(Subscription subscription) {
        synchronized (lock) {
            subscriptions.remove(subscription);
            active = !subscriptions.isEmpty();
        }
    }

    // --- the reader -------------------------------------------------------------------------------------------

    private void follow() {
        while (running) {
            long from;
            synchronized (lock) {
                from = subscriptions.isEmpty() ? Long.MIN_VALUE : dispatched;
            }
            if (from == Long.MIN_VALUE) {
                LockSupport.parkNanos(settings.pollInterval().toNanos());
                continue;
            }
            signalled = false;
            List<RecordedEvent> page;
            try {
                page = store.readAll(from, PAGE);
            } catch (RuntimeException e) {
                log.warn("The live stream cannot read the log after position {}: {}; retrying in {}", from,
                        e.getMessage(), RETRY);
                LockSupport.parkNanos(RETRY.toNanos());
                continue;
            }
            if (!page.isEmpty()) {
                dispatch(from, page);
            }
            // Only an empty read is the head: a backend may return fewer events than asked before it.
            if (page.isEmpty() && !signalled) {
                LockSupport.parkNanos(settings.pollInterval().toNanos());
            }
        }
    }

    private void dispatch(long from, List<RecordedEvent> page) {
        synchronized (lock) {
            if (dispatched != from || subscriptions.isEmpty()) {
                // Everyone left (and maybe came back, starting at a newer head) while the page was read.
                return;
            }
            for (RecordedEvent event : page) {
                StreamTags.Resolver resolver = tags.resolver(event);
                SseFrames.Frame frame = null;
                for (int i = subscriptions.size() - 1; i >= 0; i--) {
                    Subscription s = subscriptions.get(i);
                    if (!s.filter().matches(event.stream(), event.type(), resolver)) {
                        continue;
                    }
                    if (frame == null) {
                        frame = frames.of(event);
                    }
                    if (!s.offer(frame)) {
                        subscriptions.remove(i);
                        clientsDropped.incrementAndGet();
                    }
                }
            }
            dispatched = page.get(page.size() - 1).position();
            active = !subscriptions.isEmpty();
        }
    }

    @Override
    public void start() {
        running = true;
        Thread t = new Thread(this::follow, "stream-hub");
        t.setDaemon(true);
        tail = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        synchronized (lock) {
            subscriptions.forEach(Subscription::close);
            subscriptions.clear();
            active = false;
        }
        Thread t = tail;
        if (t != null) {
            LockSupport.unpark(t);
        }
        clients.shutdown();
        try {
            if (!clients.awaitTermination(3, TimeUnit.SECONDS)) {
                clients.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
