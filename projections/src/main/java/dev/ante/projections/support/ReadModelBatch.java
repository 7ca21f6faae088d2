package dev.ante.projections.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Savepoint;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * A read model's changes over one unit of work, written once before it commits (as {@link Batch}), with a way
 * to find the one event a batch cannot be written with.
 *
 * <p>A read model writes a batch's rows at commit, after every handler has returned, so a failing write fails
 * the batch, not an event, and a dead-letter queue (which catches handler failures) cannot park it: the batch
 * would be retried forever and the read model would stop. So when a batch's write fails for a reason that is
 * not transient (a constraint, a bug, a value the schema refuses), the read model is marked <em>isolating</em>
 * and the failure is rethrown; the processor rolls the batch back and retries it from its token. While
 * isolating, each event's changes are written right after its handler returns, inside a savepoint: an event
 * whose write fails is rolled back to the savepoint and its failure thrown from its handler, where the
 * processor's dead-letter queue parks it (and every later event of the same stream behind it); the others are
 * written and committed with the token. After a batch commits in isolation the read model writes in batches
 * again. Retrying parked events runs isolated too ({@link #isolated}).
 *
 * <p>Transient failures (the database unreachable, a lock timeout) are never parked: in either mode they fail
 * the batch, which the processor retries from its token as before.
 */
public final class ReadModelBatch {

    private static final Logger log = LoggerFactory.getLogger(ReadModelBatch.class);

    /** Read models whose last batch failed to write: their next batch is written event by event. */
    private static final Set<Object> ISOLATING = ConcurrentHashMap.newKeySet();
    /** Set while parked events are handed back to their read models: every event is written on its own. */
    private static final ThreadLocal<Boolean> FORCED = ThreadLocal.withInitial(() -> false);
    /** The changes of the event being handled, by read model, while isolating. */
    private static final ThreadLocal<Map<Object, Pending<?>>> PENDING = ThreadLocal.withInitial(HashMap::new);

    private ReadModelBatch() {
    }

    /** One event's changes to a read model, waiting for its handler to return. */
    private record Pending<B>(B buffer, Consumer<B> flush, DataSource dataSource) {

        void write() {
            flush.accept(buffer);
        }
    }

    /**
     * The buffer of {@code owner} for the event being handled: the batch's buffer, written before the unit of
     * work commits; or, while isolating, a buffer of this event alone, written when its handler returns.
     *
     * @param dataSource the read model's database, whose transaction the savepoints are taken in
     */
    public static <B> B current(Object owner, DataSource dataSource, Supplier<B> create, Consumer<B> flush) {
        if (!isIsolating(owner)) {
            return Batch.current(owner, create, buffer -> {
                try {
                    flush.accept(buffer);
                } catch (RuntimeException e) {
                    // Only a processor's batch is retried from its token; a rebuild that fails just fails.
                    if (!isTransient(e) && CurrentUnitOfWork.isStarted()
                            && CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?>) {
                        ISOLATING.add(owner);
                        log.warn("{} could not write a batch ({}); the batch is retried event by event, and an event "
                                + "that fails on its own is parked", name(owner), e.toString());
                    }
                    throw e;
                }
            });
        }
        UnitOfWork<?> unit = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root() : null;
        // Only the processor's own batch ends the isolation (a rebuild's units of work do not).
        if (unit instanceof BatchingUnitOfWork<?> && !FORCED.get()) {
            unit.getOrComputeResource(ReadModelBatch.class.getName() + "@" + System.identityHashCode(owner), k -> {
                unit.afterCommit(u -> {
                    if (ISOLATING.remove(owner)) {
                        log.info("{} wrote its failed batch event by event; it writes in batches again", name(owner));
                    }
                });
                return Boolean.TRUE;
            });
        }
        @SuppressWarnings("unchecked")
        Pending<B> pending = (Pending<B>) PENDING.get()
                .computeIfAbsent(owner, o -> new Pending<>(create.get(), flush, dataSource));
        return pending.buffer();
    }

    /** Whether {@code owner}'s changes are written event by event on this thread now. */
    public static boolean isIsolating(Object owner) {
        return FORCED.get() || ISOLATING.contains(owner);
    }

    /**
     * Runs {@code handler} (one event's handler on {@code owner}) and, while isolating, writes its changes inside
     * a savepoint. A failure of the handler or of the write is thrown from here, after the write was rolled back
     * to the savepoint; a transient write failure is instead kept for the unit of work, which then fails before
     * it commits, so the batch is retried rather than the event parked.
     */
    public static Object handle(Object owner, Callable<Object> handler) throws Exception {
        Object result;
        try {
            result = handler.call();
        } catch (Exception | Error e) {
            PENDING.get().remove(owner);
            throw e;
        }
        Pending<?> pending = PENDING.get().remove(owner);
        if (pending != null) {
            write(owner, pending);
        }
        return result;
    }

    private static void write(Object owner, Pending<?> pending) {
        Connection connection = DataSourceUtils.getConnection(pending.dataSource());
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot set a savepoint for " + name(owner), e);
        }
        try {
            pending.write();
        } catch (RuntimeException e) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
                throw new DataAccessResourceFailureException("cannot roll back to the savepoint of " + name(owner), e);
            }
            if (isTransient(e) && CurrentUnitOfWork.isStarted() && !FORCED.get()) {
                UnitOfWork<?> unit = CurrentUnitOfWork.get().root();
                unit.onPrepareCommit(u -> {
                    throw e;
                });
                return;
            }
            throw e;
        }
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            // Released with the transaction anyway.
        }
    }

    /** Runs {@code work} with every read model writing each event on its own (used when parked events are retried). */
    public static <T> T isolated(Supplier<T> work) {
        boolean before = FORCED.get();
        FORCED.set(true);
        try {
            return work.get();
        } finally {
            FORCED.set(before);
            if (!before) {
                PENDING.remove();
            }
        }
    }

    /** Failures that say nothing about the event: the database unreachable, a lock not granted in time. */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String name(Object owner) {
        return owner.getClass().getSimpleName();
    }
}
