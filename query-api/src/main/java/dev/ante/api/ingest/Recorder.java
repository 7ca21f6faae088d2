package dev.ante.api.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ante.api.config.AnteProperties;
import dev.ante.domain.AppendOutcome;
import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.RecordEvents;
import dev.ante.domain.RecordedEvents;
import dev.ante.domain.RecordingBatch;
import dev.ante.domain.RecordingStream;
import dev.ante.domain.WrongExpectedRevisionException;
import dev.ante.domain.game.Game;
import dev.ante.domain.game.RecordGameEvents;
import dev.ante.domain.learning.LearningRun;
import dev.ante.domain.learning.RecordMetrics;
import dev.ante.domain.strategy.RecordStrategyEvents;
import dev.ante.domain.strategy.Strategy;
import dev.ante.infra.axon.AggregateSnapshots;
import dev.ante.infra.axon.AppendNotifyingEventStore;
import dev.ante.infra.axon.RecentAppends;
import dev.ante.infra.codec.EventCodec;
import dev.ante.infra.store.AppendResult;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StreamRead;
import dev.ante.infra.store.StreamStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The write path: decides each recording command with its stream's rules and appends the fresh events
 * straight to the stream store, durably, before it answers.
 *
 * <p>Per stream, in this order and under that stream's lock: the stream's state (kept in memory, else
 * folded from its last snapshot and the events after it); the decision ({@link RecordingStream#decide},
 * which changes nothing); the append, which the store makes only if the stream still ends where the state
 * says; then the fresh events folded into the state. A refused batch writes nothing and leaves the state as
 * it was. A store that has moved on (another instance appended) refuses the append; the state is then read
 * again and the batch decided again, up to {@link #ATTEMPTS} times. Any other failure of the append drops
 * the state, since whether the append happened is then unknown; the next command reads it from the store.
 *
 * <p>The commands still travel over Axon's command bus (so that Axon Server can route a stream's commands
 * to one instance), and the event processors still read the log through Axon's event store, which each
 * append wakes.
 */
@Component
public class Recorder implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Recorder.class);

    /** Decisions of one command against a store that keeps moving on before it is refused as concurrent. */
    static final int ATTEMPTS = 3;

    private static final int STRIPES = 1024;
    private static final int PAGE = 1_000;

    /** A stream's state and how many of its events it folded since its last snapshot. */
    private static final class Held {
        final RecordingStream<?> state;
        long sinceSnapshot;

        Held(RecordingStream<?> state, long sinceSnapshot) {
            this.state = state;
            this.sinceSnapshot = sinceSnapshot;
        }
    }

    private final StreamStore store;
    private final EventCodec codec;
    private final Runnable appended;
    private final RecentAppends recentAppends;
    private final long snapshotEvery;
    private final Cache<String, Held> held;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final ObjectMapper snapshots = AggregateSnapshots.mapper();
    private final ExecutorService snapshotter;
    private final Set<String> snapshotsPending = ConcurrentHashMap.newKeySet();

    private final Counter loadsFromSnapshot;
    private final Counter loadsFromEvents;

    @Autowired
    public Recorder(StreamStore store, EventCodec codec, AppendNotifyingEventStore processors,
                    ObjectProvider<RecentAppends> recentAppends, AnteProperties properties, MeterRegistry meters) {
        this(store, codec, processors::appended, recentAppends.getIfAvailable(),
                properties.eventStore().snapshotEvery(), properties.eventStore().cachedEvents(), meters);
    }

    /**
     * @param appended      told after each append (wakes the processors' reader)
     * @param recentAppends where each append's events are handed to the processors' reader, decoded; null for
     *                      nowhere (the reader then reads them from the store)
     * @param snapshotEvery events between a game's snapshots; 0 for none
     * @param cachedEvents  the events' worth of stream state kept in memory
     */
    Recorder(StreamStore store, EventCodec codec, Runnable appended, RecentAppends recentAppends, long snapshotEvery,
             long cachedEvents, MeterRegistry meters) {
        this.store = store;
        this.codec = codec;
        this.appended = appended;
        this.recentAppends = recentAppends;
        this.snapshotEvery = snapshotEvery;
        this.held = Caffeine.newBuilder()
                .maximumWeight(cachedEvents)
                .weigher((String stream, Held h) -> (int) Math.min(Integer.MAX_VALUE, h.state.revision() + 2))
                .build();
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
        this.loadsFromSnapshot = Counter.builder("ante_write_stream_loads").tag("from", "snapshot")
                .description("Streams whose state the write path read from the store: from a snapshot and the events after it")
                .register(meters);
        this.loadsFromEvents = Counter.builder("ante_write_stream_loads").tag("from", "events")
                .description("Streams whose state the write path read from the store: folded from all their events")
                .register(meters);
        Gauge.builder("ante_write_streams_cached", this, Recorder::streamsHeld)
                .description("Streams whose state the write path holds in memory").register(meters);
        this.snapshotter = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "game-snapshots");
            thread.setDaemon(true);
            return thread;
        });
    }

    @CommandHandler
    public Recorded handle(RecordGameEvents command) {
        return record(command, Game::new, true);
    }

    @CommandHandler
    public Recorded handle(RecordStrategyEvents command) {
        return record(command, Strategy::new, false);
    }

    @CommandHandler
    public Recorded handle(RecordMetrics command) {
        return record(command, LearningRun::new, false);
    }

    /** Streams whose state is in memory. */
    long streamsHeld() {
        held.cleanUp();
        return held.estimatedSize();
    }

    /** Forgets every stream's state, as a restart would; for tests. */
    public void forgetAll() {
        held.invalidateAll();
    }

    @SuppressWarnings("unchecked")
    private <E> Recorded record(RecordEvents<E> command, Supplier<? extends RecordingStream<E>> empty,
                                boolean snapshotted) {
        String stream = command.stream();
        ReentrantLock lock = locks[Math.floorMod(stream.hashCode(), STRIPES)];
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                Held h = held.getIfPresent(stream);
                if (h == null) {
                    h = load(stream, empty, snapshotted);
                    held.put(stream, h);
                }
                RecordingStream<E> state = (RecordingStream<E>) h.state;
                RecordingBatch<E> batch = state.decide(command, new LogLookup(stream));
                if (batch.fresh().isEmpty()) {
                    return new Recorded(state.recorded(stream, batch));
                }
                List<NewEvent> events = new ArrayList<>(batch.fresh().size());
                List<Object> payloads = new ArrayList<>(batch.fresh().size());
                for (IncomingEvent<E> event : batch.fresh()) {
                    events.add(codec.encode(event.eventId(), event.occurredAt(), event.data()));
                    payloads.add(event.data());
                }
                AppendResult result;
                try {
                    result = recentAppends == null
                            ? store.append(stream, ExpectedRevision.before(state.revision() + 1), events)
                            : store.append(stream, ExpectedRevision.before(state.revision() + 1), events,
                                    committed -> recentAppends.committed(committed, events, payloads));
                } catch (WrongExpectedRevisionException moved) {
                    held.invalidate(stream);
                    if (attempt < ATTEMPTS) {
                        continue;
                    }
                    throw new ConcurrentAppendException(stream, moved.actualRevision(), ATTEMPTS);
                } catch (RuntimeException unknown) {
                    held.invalidate(stream);
                    throw unknown;
                }
                AppendOutcome outcome = state.recorded(stream, batch);
                h.sinceSnapshot += events.size();
                held.put(stream, h);
                appended.run();
                if (snapshotted && snapshotEvery > 0 && h.sinceSnapshot >= snapshotEvery) {
                    snapshotLater(stream);
                }
                return new Recorded(outcome, result.lastPosition());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A stream's recorded events as a decision asks for them, read from the store a page at a time: ids come
     * back mostly as whole retried batches, whose events lie one after another.
     */
    private final class LogLookup implements RecordedEvents {
        private final String stream;
        private List<RecordedEvent> page = List.of();

        LogLookup(String stream) {
            this.stream = stream;
        }

        @Override
        public Recorded at(long revision) {
            RecordedEvent event = cached(revision);
            if (event == null) {
                StreamRead read = store.readStream(stream, revision, PAGE, Direction.FORWARDS);
                page = read instanceof StreamRead.Found found ? found.events() : List.of();
                event = cached(revision);
                if (event == null) {
                    throw new IllegalStateException(stream + " has no event at revision " + revision
                            + ", which its ledger names");
                }
            }
            return new Recorded(event.eventId(), codec.agentTime(event).orElse(null), codec.data(event));
        }

        private RecordedEvent cached(long revision) {
            if (page.isEmpty()) {
                return null;
            }
            long offset = revision - page.get(0).revision();
            return offset >= 0 && offset < page.size() ? page.get((int) offset) : null;
        }
    }

    /** The stream's state from its last snapshot (when it has one that reads) and the events after it. */
    private <E> Held load(String stream, Supplier<? extends RecordingStream<E>> empty, boolean snapshotted) {
        RecordingStream<E> state = null;
        long from = 0;
        if (snapshotted) {
            Optional<RecordedEvent> snapshot = store.readSnapshot(stream);
            if (snapshot.isPresent()) {
                try {
                    @SuppressWarnings("unchecked")
                    RecordingStream<E> read = (RecordingStream<E>) snapshots.readValue(snapshot.get().data(),
                            empty.get().getClass());
                    if (read.revision() == snapshot.get().revision()) {
                        state = read;
                        from = read.revision() + 1;
                    } else {
                        log.warn("Snapshot of {} says revision {} but holds {}; folding the stream from its events",
                                stream, snapshot.get().revision(), read.revision());
                    }
                } catch (IOException | RuntimeException e) {
                    log.warn("Snapshot of {} no longer reads ({}); folding the stream from its events", stream,
                            e.getMessage());
                }
            }
        }
        if (state == null) {
            state = empty.get();
            loadsFromEvents.increment();
        } else {
            loadsFromSnapshot.increment();
        }
        long folded = 0;
        while (true) {
            StreamRead read = store.readStream(stream, from, PAGE, Direction.FORWARDS);
            if (!(read instanceof StreamRead.Found found) || found.events().isEmpty()) {
                break;
            }
            for (RecordedEvent event : found.events()) {
                @SuppressWarnings("unchecked")
                E data = (E) codec.data(event);
                state.evolve(data, event.eventId(), codec.agentTime(event).orElse(null));
            }
            folded += found.events().size();
            from = found.events().get(found.events().size() - 1).revision() + 1;
            if (found.events().size() < PAGE) {
                break;
            }
        }
        return new Held(state, folded);
    }

    /** Snapshots the game on the snapshot thread, once, whatever number of commands ask meanwhile. */
    private void snapshotLater(String stream) {
        if (!snapshotsPending.add(stream)) {
            return;
        }
        try {
            snapshotter.execute(() -> {
                try {
                    snapshot(stream);
                } catch (RuntimeException e) {
                    log.warn("Could not snapshot {}; the next {} events will ask again", stream, snapshotEvery, e);
                } finally {
                    snapshotsPending.remove(stream);
                }
            });
        } catch (RejectedExecutionException stopping) {
            snapshotsPending.remove(stream);
        }
    }

    private void snapshot(String stream) {
        ReentrantLock lock = locks[Math.floorMod(stream.hashCode(), STRIPES)];
        byte[] data;
        long revision;
        String type;
        lock.lock();
        try {
            Held h = held.getIfPresent(stream);
            if (h == null) {
                return;
            }
            data = snapshots.writeValueAsBytes(h.state);
            revision = h.state.revision();
            type = h.state.getClass().getName();
            h.sinceSnapshot = 0;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the snapshot of " + stream, e);
        } finally {
            lock.unlock();
        }
        store.storeSnapshot(stream, revision, new NewEvent(UUID.randomUUID(), type, data, null));
    }

    @Override
    public void destroy() {
        snapshotter.shutdownNow();
    }
}
