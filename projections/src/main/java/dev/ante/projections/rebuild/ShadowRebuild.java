package dev.ante.projections.rebuild;

import dev.ante.projections.rebuild.ReadModelTables.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
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
 * Rebuilds one read model beside the live one and swaps it in when it has caught up, so that readers never
 * see a partial read model: until the swap they read the previous version, which its processor keeps
 * current; after it, the new one.
 *
 * <ol>
 *   <li>The read model's tables are created empty in the schema {@value #SCHEMA} with their primary keys
 *       only: the sort indexes queries need would be rewritten on every update of a rebuild.</li>
 *   <li>A fresh instance of the projection, on a connection whose schema is the shadow one, is fed the log
 *       from its start in units of {@code batchSize} events, each one transaction, until it reaches the head
 *       the log had when the rebuild started. Large units are what make a rebuild fast: a key touched by
 *       many events of a unit is read and written once.</li>
 *   <li>The live processor is paused, the events that arrived meanwhile are fed too, and in one transaction
 *       the live tables' rows are replaced by the shadow tables' and the processor's token is set to the last
 *       event fed; the processor then resumes from there. Readers see the old rows until that transaction
 *       commits and the new ones after it.</li>
 * </ol>
 *
 * A rebuild that fails leaves the live read model as it was and says why ({@link #error()}).
 */
public final class ShadowRebuild implements Runnable {

    /** Where shadow tables are built. */
    public static final String SCHEMA = "rebuild";

    private static final int MAX_IDLE_SECONDS = 60;

    private static final Logger log = LoggerFactory.getLogger(ShadowRebuild.class);

    /** The live side of the read model: its processor and token. */
    public interface LiveProcessor {
        /** Stops the processor once its current batch has committed. */
        void pause();

        /** Starts it again from its token. */
        void resume();

        /** Sets its token, inside the swap's transaction. */
        void storeToken(TrackingToken token);
    }

    /** Where a rebuild is. */
    public enum State { RUNNING, DONE, FAILED }

    private final String name;
    private final List<Table> tables;
    private final DataSource dataSource;
    private final PlatformTransactionManager liveTransactions;
    private final Function<JdbcTemplate, Object> projection;
    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final LongSupplier head;
    private final LiveProcessor live;
    private final int batchSize;

    private volatile State state = State.RUNNING;
    private volatile long position = -1;
    private volatile long target;
    private volatile String error;

    /**
     * @param name       the read model's processor
     * @param projection creates the read model's projection over a {@link JdbcTemplate}
     * @param events     the log
     * @param head       the position of the log's last event (-1 when empty)
     */
    public ShadowRebuild(String name, DataSource dataSource, PlatformTransactionManager liveTransactions,
                         Function<JdbcTemplate, Object> projection,
                         StreamableMessageSource<TrackedEventMessage<?>> events, LongSupplier head, LiveProcessor live,
                         int batchSize) {
        this.name = Objects.requireNonNull(name, "name");
        this.tables = ReadModelTables.of(name);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException(name + " keeps no tables a rebuild can shadow");
        }
        this.dataSource = dataSource;
        this.liveTransactions = liveTransactions;
        this.projection = projection;
        this.events = events;
        this.head = head;
        this.live = live;
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.batchSize = batchSize;
        this.target = head.getAsLong();
    }

    public String name() {
        return name;
    }

    public State state() {
        return state;
    }

    /** The position of the last event the new read model holds; -1 before the first. */
    public long position() {
        return position;
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
        try (Connection connection = dataSource.getConnection()) {
            String schema = connection.getSchema();
            try {
                connection.setAutoCommit(true);
                createShadowTables(connection);
                connection.setSchema(folded(connection, SCHEMA));
                rebuild(connection);
            } finally {
                connection.setSchema(schema);
                dropShadowTables(connection);
            }
            state = State.DONE;
            log.info("Rebuilt {} up to position {} in {} ms", name, position,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (Exception | Error e) {
            error = rootMessage(e);
            state = State.FAILED;
            log.error("Rebuild of {} failed; the live read model is unchanged", name, e);
        }
    }

    private void rebuild(Connection connection) throws InterruptedException {
        SingleConnectionDataSource shadow = new SingleConnectionDataSource(connection, true);
        DataSourceTransactionManager shadowTransactions = new DataSourceTransactionManager(shadow);
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(
                projection.apply(new JdbcTemplate(shadow)));
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            feed(stream, handlers, shadowTransactions);
            live.pause();
            try {
                target = head.getAsLong();
                feed(stream, handlers, shadowTransactions);
                swap();
            } finally {
                live.resume();
            }
        }
    }

    /** Feeds events until the one at {@link #target} has been handled. */
    private void feed(BlockingStream<TrackedEventMessage<?>> stream, AnnotationEventHandlerAdapter handlers,
                      PlatformTransactionManager transactions) throws InterruptedException {
        List<TrackedEventMessage<?>> unit = new ArrayList<>(batchSize);
        long fed = position;
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
            fed = positionOf(event.trackingToken());
            unit.add(event);
            if (unit.size() == batchSize) {
                handle(unit, handlers, transactions);
            }
        }
        if (!unit.isEmpty()) {
            handle(unit, handlers, transactions);
        }
    }

    private void handle(List<TrackedEventMessage<?>> unit, AnnotationEventHandlerAdapter handlers,
                        PlatformTransactionManager transactions) {
        TransactionStatus transaction = transactions.getTransaction(new DefaultTransactionDefinition());
        DefaultUnitOfWork<?> work = DefaultUnitOfWork.startAndGet(null);
        try {
            for (TrackedEventMessage<?> event : unit) {
                if (handlers.canHandle(event)) {
                    handlers.handle(event);
                }
            }
            work.commit();
        } catch (RuntimeException | Error e) {
            if (work.isActive()) {
                work.rollback(e);
            }
            transactions.rollback(transaction);
            throw e;
        } catch (Exception e) {
            if (work.isActive()) {
                work.rollback(e);
            }
            transactions.rollback(transaction);
            throw new IllegalStateException("a handler of " + name + " failed", e);
        }
        transactions.commit(transaction);
        position = positionOf(unit.get(unit.size() - 1).trackingToken());
        unit.clear();
    }

    /** Replaces the live rows with the shadow's and moves the processor's token, in one transaction. */
    private void swap() {
        new TransactionTemplate(liveTransactions).executeWithoutResult(status -> {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            for (Table table : tables) {
                jdbc.update("DELETE FROM " + table.name());
                jdbc.update("INSERT INTO " + table.name() + " SELECT * FROM " + SCHEMA + "." + table.name());
            }
            live.storeToken(position < 0 ? null : new GlobalSequenceTrackingToken(position));
        });
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

    private void dropShadowTables(Connection connection) {
        try (Statement sql = connection.createStatement()) {
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

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
