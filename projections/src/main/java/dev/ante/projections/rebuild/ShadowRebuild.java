package dev.ante.projections.rebuild;

import dev.ante.projections.rebuild.ReadModelTables.Table;
import dev.ante.projections.support.Failures;
import dev.ante.projections.support.HeldWrites;
import dev.ante.projections.support.ReadModelBatch;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds read models beside the live ones and swaps them in when they have caught up, so that readers
 * never see a partial read model: until the swap they read the previous version, which its processor keeps
 * current; after it, the new one. Several read models rebuilt together share one pass over the log: each
 * event is read and decoded once, and each read model is built by a worker thread of its own.
 *
 * <ol>
 *   <li>The read model's tables are created empty in the schema {@value #SCHEMA} with their primary keys
 *       only: the sort indexes queries need would be rewritten on every update of a rebuild.</li>
 *   <li>A fresh instance of the projection, on a connection whose schema is the shadow one, is fed the log
 *       from its start in units of {@code batchSize} events, each one transaction, until it reaches the head
 *       the log had when the rebuild started. Large units are what make a rebuild fast: a key touched by
 *       many events of a unit is read and written once. A projection that holds its changes across units
 *       ({@link HeldWrites}) writes them when it says it is full, once the head is reached, and before the
 *       swap.</li>
 *   <li>The live processor is paused, the events that arrived meanwhile are fed too, and in one transaction
 *       the live tables' rows are replaced by the shadow tables' and the processor's token is set to the last
 *       event fed; the processor then resumes from there. Readers see the old rows until that transaction
 *       commits and the new ones after it.</li>
 * </ol>
 *
 * A rebuild that fails leaves the live read model as it was and says why ({@link #error()}).
 *
 * <p>A processor whose read model cannot be shadowed (the time-series writers: their tables live in QuestDB, which
 * drops the rows it already holds) can ride along in place ({@link Target#inPlace}): it is paused and reset when
 * the rebuild starts, its worker writes each unit straight into the live tables and stores the processor's token
 * and parked events in the unit's transaction, as the processor itself would, and it resumes when the rebuild
 * ends. Should its worker fail, the processor resumes at once from the last unit that committed and carries on
 * alone, retrying as it always does; the rest of the rebuild goes on without it.
 */
public final class ShadowRebuild implements Runnable {

    /** Where shadow tables are built. */
    public static final String SCHEMA = "rebuild";

    private static final int MAX_IDLE_SECONDS = 60;

    private static final Logger log = LoggerFactory.getLogger(ShadowRebuild.class);

    /** The live side of the read model: its processor and token. */
    public interface LiveProcessor {
        /** Stops the processor once its current batch has committed; completes when it has stopped. */
        CompletableFuture<Void> pause();

        /** Starts it again from its token. */
        void resume();

        /**
         * Resets the paused processor to the start of the log: its reset handlers run (an in-place read model
         * empties its tables) and its dead letters are dropped.
         */
        void reset();

        /** Adds {@code parked} to the processor's dead letters, in order, inside the current transaction. */
        void park(List<Parked> parked);

        /** Sets its token, inside the swap's transaction. */
        void storeToken(TrackingToken token);

        /**
         * Makes {@code parked} the processor's dead letters, in order, inside the swap's transaction: the letters
         * it had belong to the read model being replaced, these to the new one.
         */
        void replaceDeadLetters(List<Parked> parked);
    }

    /**
     * An event the new read model could not take: the first of its stream carries the failure; the stream's later
     * events wait behind it without one, as the processor's dead-letter queue keeps them.
     */
    public record Parked(String sequence, TrackedEventMessage<?> event, Throwable cause) {
    }

    /** At most this many events are parked by one read model's rebuild; beyond, the rebuild fails. */
    static final int MAX_PARKED = 10_000;

    /** Where a rebuild is. */
    public enum State { RUNNING, DONE, FAILED }

    /**
     * One read model to rebuild: its processor's name, how to create its projection, its live processor, and
     * whether it is rebuilt in place rather than beside the live one.
     */
    public record Target(String name, Function<JdbcTemplate, Object> projection, LiveProcessor live,
                         boolean inPlace) {

        /** A read model rebuilt in shadow tables and swapped in. */
        public Target(String name, Function<JdbcTemplate, Object> projection, LiveProcessor live) {
            this(name, projection, live, false);
        }

        /**
         * A read model rebuilt in place by the processor's own handler object: {@code projection} is given a
         * template on the live database and returns it.
         */
        public static Target inPlace(String name, Function<JdbcTemplate, Object> projection, LiveProcessor live) {
            return new Target(name, projection, live, true);
        }
    }

    private final List<Target> targets;
    private final String name;
    private final List<Table> tables = new ArrayList<>();
    private final DataSource dataSource;
    private final PlatformTransactionManager liveTransactions;
    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final LongSupplier head;
    private final int batchSize;

    private volatile State state = State.RUNNING;
    /** The last event every read model of the rebuild holds, once the workers are done. */
    private volatile long position = -1;
    private volatile List<Worker> workers = List.of();
    private volatile long target;
    /**
     * The head when the rebuild was set up: a processor rebuilt in place says it is replaying until it has passed
     * it, even if it carries on alone.
     */
    private final long resetHead;
    private volatile String error;
    private volatile long swapMillis;

    /**
     * @param targets    the read models to rebuild, together
     * @param events     the log
     * @param head       the position of the log's last event (-1 when empty)
     * @param batchSize  events per transaction
     */
    public ShadowRebuild(List<Target> targets, DataSource dataSource, PlatformTransactionManager liveTransactions,
                         StreamableMessageSource<TrackedEventMessage<?>> events, LongSupplier head, int batchSize) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("nothing to rebuild");
        }
        this.targets = List.copyOf(targets);
        for (Target each : targets) {
            if (each.inPlace()) {
                continue;
            }
            List<Table> owned = ReadModelTables.of(each.name());
            if (owned.isEmpty()) {
                throw new IllegalArgumentException(each.name() + " keeps no tables a rebuild can shadow");
            }
            tables.addAll(owned);
        }
        this.name = String.join(", ", targets.stream().map(Target::name).toList());
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.liveTransactions = Objects.requireNonNull(liveTransactions, "liveTransactions");
        this.events = Objects.requireNonNull(events, "events");
        this.head = Objects.requireNonNull(head, "head");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.batchSize = batchSize;
        this.target = head.getAsLong();
        this.resetHead = target;
    }

    /** The read models this rebuild rebuilds. */
    public List<String> names() {
        return targets.stream().map(Target::name).toList();
    }

    /**
     * Whether this rebuild is still building {@code name}: false for a read model it does not rebuild, and for
     * one rebuilt in place whose worker failed and handed the rest of the replay back to its processor.
     */
    public boolean builds(String name) {
        if (!names().contains(name)) {
            return false;
        }
        return workers.stream().noneMatch(worker -> worker.target.name().equals(name) && worker.detached);
    }

    public State state() {
        return state;
    }

    /** The position of the last event the new read model holds; -1 before the first. */
    public long position() {
        List<Worker> building = workers;
        if (state != State.RUNNING || building.isEmpty()) {
            return position;
        }
        return building.stream().filter(worker -> !worker.detached).mapToLong(worker -> worker.position).min()
                .orElse(position);
    }

    /** The head the rebuild is heading for. */
    public long target() {
        return target;
    }

    /** Why the rebuild failed; null unless it did. */
    public String error() {
        return error;
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        try {
            String schema;
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                createShadowTables(connection);
                schema = folded(connection, SCHEMA);
            }
            try {
                rebuild(schema);
            } finally {
                dropShadowTables();
            }
            state = State.DONE;
            log.info("Rebuilt {} up to position {} in {} ms (the swap {} ms)", name, position,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), swapMillis);
        } catch (Exception | Error e) {
            error = Failures.rootMessage(e);
            state = State.FAILED;
            log.error("Rebuild of {} failed; the live read model is unchanged", name, e);
        }
    }

    /**
     * This thread reads and decodes the log once and hands each unit of events to one worker per read model,
     * which handles it in a transaction of its own on its own connection: the read models are built in
     * parallel from a single pass over the log. Processors rebuilt in place are paused and reset first.
     */
    private void rebuild(String schema) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(targets.size(), runnable -> {
            Thread thread = new Thread(runnable, "read-model-rebuild-worker");
            thread.setDaemon(true);
            return thread;
        });
        List<Worker> workers = new ArrayList<>();
        try {
            for (Target each : targets) {
                if (each.inPlace()) {
                    pause(List.of(each));
                    each.live().reset();
                }
            }
            for (Target each : targets) {
                Worker worker = new Worker(each, schema);
                workers.add(worker);
                threads.execute(worker);
            }
            this.workers = List.copyOf(workers);
            try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
                long fed = feed(stream, workers, -1);
                awaitHandled(workers, fed);
                writeHeld(workers);
                pause(targets.stream().filter(each -> !each.inPlace()).toList());
                target = head.getAsLong();
                fed = feed(stream, workers, fed);
                awaitHandled(workers, fed);
                writeHeld(workers);
                // The workers' connections go back to the pool before the swap takes one.
                threads.shutdownNow();
                threads.awaitTermination(1, TimeUnit.MINUTES);
                swap(fed, workers);
            }
        } finally {
            threads.shutdownNow();
            threads.awaitTermination(1, TimeUnit.MINUTES);
            targets.forEach(this::resume);
        }
    }

    /** The live processors paused by this rebuild and not yet resumed. */
    private final java.util.Set<Target> paused = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Pauses the live processors of {@code some} and waits until they have stopped. */
    private void pause(List<Target> some) {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (Target each : some) {
            paused.add(each);
            stopping.add(each.live().pause());
        }
        CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
    }

    /** Resumes the live processor of {@code each} if this rebuild paused it and has not resumed it yet. */
    private void resume(Target each) {
        if (paused.remove(each)) {
            each.live().resume();
        }
    }

    /**
     * Reads events after {@code fed} until the one at {@link #target}, in units of {@code batchSize}, decodes
     * each once and hands each worker the unit's events its read model handles. Returns the position of the last
     * event read.
     */
    private long feed(BlockingStream<TrackedEventMessage<?>> stream, List<Worker> workers, long fed)
            throws InterruptedException {
        List<TrackedEventMessage<?>> unit = new ArrayList<>(batchSize);
        int idleSeconds = 0;
        while (fed < target) {
            if (!stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                if (++idleSeconds == MAX_IDLE_SECONDS) {
                    throw new IllegalStateException("the log delivered nothing for " + MAX_IDLE_SECONDS
                            + " s after position " + fed + " though its head is " + target);
                }
                continue;
            }
            idleSeconds = 0;
            TrackedEventMessage<?> event = stream.nextAvailable();
            // Decoded here, once, for every worker: they only read it. (Metadata stays undecoded: the
            // read models take the event's time from the message, read here too, not from its metadata.)
            event.getPayload();
            event.getTimestamp();
            fed = positionOf(event.trackingToken());
            unit.add(event);
            if (unit.size() == batchSize) {
                dispatch(unit, fed, workers);
                unit = new ArrayList<>(batchSize);
            }
        }
        if (!unit.isEmpty()) {
            dispatch(unit, fed, workers);
        }
        return fed;
    }

    /** Which workers handle events of a payload type, by type: asked of the workers' handlers once per type. */
    private final Map<Class<?>, boolean[]> handledBy = new HashMap<>();

    /**
     * Hands each worker the events of the unit its read model handles, with the unit's last position. Events a
     * read model does not handle never reach it, as its processor ignores them: a worker does not touch, let alone
     * look up, the events of other read models.
     */
    private void dispatch(List<TrackedEventMessage<?>> unit, long last, List<Worker> workers)
            throws InterruptedException {
        List<List<TrackedEventMessage<?>>> parts = new ArrayList<>(workers.size());
        for (int i = 0; i < workers.size(); i++) {
            parts.add(new ArrayList<>());
        }
        for (TrackedEventMessage<?> event : unit) {
            boolean[] handled = handledBy.get(event.getPayloadType());
            if (handled == null) {
                handled = new boolean[workers.size()];
                for (int i = 0; i < workers.size(); i++) {
                    handled[i] = workers.get(i).handles(event);
                }
                handledBy.put(event.getPayloadType(), handled);
            }
            for (int i = 0; i < handled.length; i++) {
                if (handled[i]) {
                    parts.get(i).add(event);
                }
            }
        }
        for (int i = 0; i < workers.size(); i++) {
            Worker worker = workers.get(i);
            if (!worker.detached) {
                worker.offer(new Unit(parts.get(i), last));
            }
        }
    }

    /** Events for one worker, and the position of the last event of the unit they were picked from. */
    private record Unit(List<TrackedEventMessage<?>> events, long last) {
    }

    /**
     * Has every worker write what its projection holds ({@link HeldWrites}) and waits until they have: once
     * before the live processors are paused, so that little is left to write while they are, and once before
     * the swap.
     */
    private void writeHeld(List<Worker> workers) throws InterruptedException {
        for (Worker worker : workers) {
            if (!worker.detached) {
                worker.offer(WRITE_HELD);
            }
        }
        for (Worker worker : workers) {
            while (worker.writesAsked != worker.writesDone && !worker.detached) {
                worker.rethrow();
                Thread.sleep(10);
            }
        }
    }

    /** Not a unit: asks a worker to write what its projection holds. */
    private static final Unit WRITE_HELD = new Unit(List.of(), -1);

    /** Waits until every worker has handled the event at {@code fed}. */
    private void awaitHandled(List<Worker> workers, long fed) throws InterruptedException {
        while (true) {
            long lowest = Long.MAX_VALUE;
            for (Worker worker : workers) {
                worker.rethrow();
                if (!worker.detached) {
                    lowest = Math.min(lowest, worker.position);
                }
            }
            position = Math.min(lowest, fed);
            if (lowest >= fed) {
                return;
            }
            Thread.sleep(10);
        }
    }

    /** Builds one read model in its shadow tables from the units the reader hands it. */
    private final class Worker implements Runnable {

        private final Target target;
        private final String schema;
        private final BlockingQueue<Unit> units = new ArrayBlockingQueue<>(2);
        /** The projection's handlers, once the worker has created it; counted down then or when it fails first. */
        private volatile RebuildHandlers handlers;
        private final java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        /** Parked events, in order; written by the worker's thread, read after it has stopped. */
        private final List<Parked> parked = new ArrayList<>();
        private final java.util.Set<String> parkedSequences = new java.util.HashSet<>();
        private volatile int parkedCount;
        private volatile long position = -1;
        /** Written by the reader's thread as it asks for held changes to be written, by the worker's as it has. */
        private volatile int writesAsked;
        private volatile int writesDone;
        private volatile Throwable failure;
        /** Set when an in-place worker has failed and its processor carries on alone. */
        private volatile boolean detached;

        Worker(Target target, String schema) {
            this.target = target;
            this.schema = schema;
        }

        @Override
        public void run() {
            try {
                if (target.inPlace()) {
                    // The processor's own objects and database: its transaction manager is the platform's, so
                    // the token and dead letters its live processor stores join each unit's transaction.
                    consume(target.projection().apply(new JdbcTemplate(dataSource)), liveTransactions);
                    return;
                }
                try (Connection connection = dataSource.getConnection()) {
                    String original = connection.getSchema();
                    try {
                        connection.setSchema(schema);
                        SingleConnectionDataSource shadow = new SingleConnectionDataSource(connection, true);
                        consume(target.projection().apply(new JdbcTemplate(shadow)),
                                new DataSourceTransactionManager(shadow));
                    } finally {
                        connection.setSchema(original);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception | Error e) {
                failure = e;
                if (target.inPlace()) {
                    log.warn("Rebuilding {} in place failed ({}); its processor carries on from the last unit"
                            + " written", target.name(), Failures.rootMessage(e), e);
                    detached = true;
                    resume(target);
                }
            } finally {
                ready.countDown();
            }
        }

        /** Handles the units the reader hands over until the worker is stopped. */
        private void consume(Object projection, PlatformTransactionManager transactions) throws Exception {
            HeldWrites held = projection instanceof HeldWrites writes ? writes : null;
            RebuildHandlers handlers = new RebuildHandlers(projection);
            this.handlers = handlers;
            ready.countDown();
            while (!Thread.currentThread().isInterrupted()) {
                Unit unit = units.take();
                if (unit == WRITE_HELD) {
                    if (held != null) {
                        new TransactionTemplate(transactions).executeWithoutResult(s -> held.writeHeld());
                    }
                    writesDone++;
                    continue;
                }
                // An in-place read model stores its processor's position with every unit, even one with nothing
                // for it; a shadowed one only needs to know where it stands.
                if (!unit.events().isEmpty() || target.inPlace()) {
                    handle(unit, handlers, transactions);
                }
                position = unit.last();
                if (held != null && held.full()) {
                    new TransactionTemplate(transactions).executeWithoutResult(s -> held.writeHeld());
                }
            }
        }

        void offer(Unit unit) throws InterruptedException {
            if (unit == WRITE_HELD) {
                writesAsked++;
            }
            while (!units.offer(unit, 100, TimeUnit.MILLISECONDS)) {
                rethrow();
                if (detached) {
                    return;
                }
            }
        }

        void rethrow() {
            Throwable failed = failure;
            if (failed != null && !target.inPlace()) {
                throw new IllegalStateException("the rebuild of " + target.name() + " failed", failed);
            }
        }

        /**
         * Whether the projection handles events of this one's payload type; false if the worker failed before it
         * could tell. Asked once per type by the reader, which hands the worker only such events.
         */
        boolean handles(TrackedEventMessage<?> event) throws InterruptedException {
            while (!ready.await(100, TimeUnit.MILLISECONDS)) {
                rethrow();
            }
            RebuildHandlers known = handlers;
            return known != null && known.canHandle(event);
        }

        /**
         * Handles a unit in one transaction. When it fails for a reason that is not transient, it is rolled back
         * and handled again event by event ({@link ReadModelBatch#isolated}): an event that fails on its own is
         * parked with every later event of its stream, as the live processor would park it, and the rest commit.
         */
        private void handle(Unit unit, RebuildHandlers handlers,
                            PlatformTransactionManager transactions) throws Exception {
            try {
                handleUnit(unit, handlers, transactions, false);
            } catch (Exception e) {
                if (ReadModelBatch.isTransient(e) || e instanceof CommitFailed) {
                    throw e;
                }
                log.warn("Rebuilding {}: a unit of {} events failed ({}); it is handled again event by event, and an"
                        + " event that fails on its own is parked", target.name(), unit.events().size(), e.toString());
                ReadModelBatch.isolated(() -> {
                    try {
                        handleUnit(unit, handlers, transactions, true);
                        return null;
                    } catch (RuntimeException | Error failure) {
                        throw failure;
                    } catch (Exception failure) {
                        throw new IllegalStateException(failure);
                    }
                });
            }
        }

        private void handleUnit(Unit unit, RebuildHandlers handlers,
                                PlatformTransactionManager transactions, boolean isolated) throws Exception {
            TransactionStatus transaction = transactions.getTransaction(new DefaultTransactionDefinition());
            DefaultUnitOfWork<?> work = DefaultUnitOfWork.startAndGet(null);
            List<Parked> parkedHere = new ArrayList<>();
            java.util.Set<String> sequencesHere = new java.util.HashSet<>();
            try {
                for (TrackedEventMessage<?> event : unit.events()) {
                    String sequence = sequenceOf(event);
                    if (parkedSequences.contains(sequence) || sequencesHere.contains(sequence)) {
                        parkedHere.add(new Parked(sequence, event, null));
                        continue;
                    }
                    if (!isolated) {
                        handlers.handle(event);
                        continue;
                    }
                    try {
                        handlers.handle(event);
                    } catch (Exception e) {
                        if (ReadModelBatch.isTransient(e)) {
                            throw e;
                        }
                        log.warn("Rebuilding {}: parked event {} of {}: {}", target.name(), event.getIdentifier(),
                                sequence, e.toString());
                        parkedHere.add(new Parked(sequence, event, e));
                        sequencesHere.add(sequence);
                    }
                }
                work.commit();
                if (target.inPlace()) {
                    target.live().storeToken(ReplayToken.createReplayToken(
                            new GlobalSequenceTrackingToken(resetHead), new GlobalSequenceTrackingToken(unit.last())));
                    target.live().park(parkedHere);
                }
            } catch (Exception | Error e) {
                if (work.isActive()) {
                    work.rollback(e);
                }
                transactions.rollback(transaction);
                throw e;
            }
            try {
                transactions.commit(transaction);
            } catch (RuntimeException e) {
                throw new CommitFailed(e);
            }
            if (parked.size() + parkedHere.size() > MAX_PARKED) {
                throw new IllegalStateException("more than " + MAX_PARKED + " events failed; the rebuild stops. The"
                        + " first: " + Failures.rootMessage(parked.isEmpty() ? parkedHere.get(0).cause()
                                : parked.get(0).cause()));
            }
            parked.addAll(parkedHere);
            parkedSequences.addAll(sequencesHere);
            parkedCount = parked.size();
        }
    }

    /**
     * A unit's transaction that failed to commit after its handlers and flushes had all succeeded: it says nothing
     * about an event, and a projection that holds its changes in memory ({@link HeldWrites}) already holds the
     * unit's, so the unit is not handled again; the rebuild fails.
     */
    private static final class CommitFailed extends IllegalStateException {
        CommitFailed(RuntimeException cause) {
            super("a unit of the rebuild could not be committed", cause);
        }
    }

    /** The stream an event belongs to: the unit its processor's dead-letter queue holds events back by. */
    private static String sequenceOf(TrackedEventMessage<?> event) {
        return event instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier() : event.getIdentifier();
    }

    /**
     * Replaces the live rows with the shadow's and moves the processors' tokens, in one transaction. Only rows that
     * differ are written ({@link #replaceRows}).
     */
    private void swap(long fed, List<Worker> workers) {
        long started = System.nanoTime();
        new TransactionTemplate(liveTransactions).executeWithoutResult(status -> {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            for (Table table : tables) {
                replaceRows(jdbc, table);
            }
            TrackingToken token = fed < 0 ? null : new GlobalSequenceTrackingToken(fed);
            for (Worker worker : workers) {
                if (!worker.target.inPlace()) {
                    worker.target.live().storeToken(token);
                    worker.target.live().replaceDeadLetters(List.copyOf(worker.parked));
                }
            }
        });
        swapMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /**
     * Makes a live table's rows the shadow table's, writing only what differs: live rows whose key the shadow
     * lacks, or whose values differ from the shadow's row with their key, are deleted; then the shadow's rows whose
     * key the live table lacks are inserted. A rebuild mostly reproduces the rows the live read model holds, and
     * reading both tables costs far less than rewriting every row into the live table's sort indexes.
     */
    private static void replaceRows(JdbcTemplate jdbc, Table table) {
        String live = table.name();
        String shadow = SCHEMA + "." + table.name();
        // Each column as it can be compared: H2 keeps TEXT as a character large object, which it does not compare.
        List<String> columns = jdbc.query("SELECT * FROM " + shadow + " WHERE 1 = 0", rs -> {
            java.sql.ResultSetMetaData meta = rs.getMetaData();
            List<String> compared = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                int type = meta.getColumnType(i);
                boolean lob = type == java.sql.Types.CLOB || type == java.sql.Types.NCLOB;
                compared.add(lob ? "CAST(%s." + meta.getColumnName(i) + " AS VARCHAR)" : "%s." + meta.getColumnName(i));
            }
            return compared;
        });
        String sameKey = String.join(" AND ", table.key().stream().map(k -> "s." + k + " = l." + k).toList());
        String liveRow = "(" + String.join(", ", columns.stream().map(c -> c.formatted("l")).toList()) + ")";
        String shadowRow = "(" + String.join(", ", columns.stream().map(c -> c.formatted("s")).toList()) + ")";
        jdbc.update("DELETE FROM " + live + " l WHERE NOT EXISTS (SELECT 1 FROM " + shadow + " s WHERE " + sameKey
                + " AND " + liveRow + " IS NOT DISTINCT FROM " + shadowRow + ")");
        jdbc.update("INSERT INTO " + live + " SELECT * FROM " + shadow + " s WHERE NOT EXISTS (SELECT 1 FROM " + live
                + " l WHERE " + sameKey + ")");
    }

    /** The events each read model of the rebuild parked, by name; complete once the rebuild is done. */
    public Map<String, Integer> parked() {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (Worker worker : workers) {
            counts.put(worker.target.name(), worker.parkedCount);
        }
        return counts;
    }

    private void createShadowTables(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            for (Table table : tables) {
                String shadow = SCHEMA + "." + table.name();
                sql.execute("DROP TABLE IF EXISTS " + shadow);
                sql.execute("CREATE TABLE " + shadow + " AS SELECT * FROM " + table.name() + " WITH NO DATA");
                // A table created from a query keeps the columns' types but not their constraints.
                for (String column : table.key()) {
                    sql.execute("ALTER TABLE " + shadow + " ALTER COLUMN " + column + " SET NOT NULL");
                }
                sql.execute("ALTER TABLE " + shadow + " ADD PRIMARY KEY (" + String.join(", ", table.key()) + ")");
            }
        }
    }

    private void dropShadowTables() {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            for (Table table : tables) {
                sql.execute("DROP TABLE IF EXISTS " + SCHEMA + "." + table.name());
            }
        } catch (SQLException e) {
            log.warn("Could not drop the shadow tables of {}", name, e);
        }
    }

    /** An unquoted identifier as the database stores it. */
    private static String folded(Connection connection, String identifier) throws SQLException {
        return connection.getMetaData().storesUpperCaseIdentifiers() ? identifier.toUpperCase(java.util.Locale.ROOT)
                : identifier;
    }

    private static long positionOf(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("an event without a position: " + token));
    }
}
