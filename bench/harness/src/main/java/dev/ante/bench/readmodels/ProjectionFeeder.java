package dev.ante.bench.readmodels;

import dev.ante.projections.support.HeldWrites;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Hands events to annotated projections the way a pooled streaming processor does: a database
 * transaction around each batch, one unit of work per batch (so each projection's {@code Batch} buffer
 * flushes once, before commit), every event offered to every projection's handler adapter.
 */
public final class ProjectionFeeder {

    private final List<AnnotationEventHandlerAdapter> adapters = new ArrayList<>();
    /** Projections that hold their changes (built for a rebuild): written when full and at the end, as a rebuild does. */
    private final List<HeldWrites> held = new ArrayList<>();
    private final PlatformTransactionManager transactions;
    private final int batchSize;
    private final List<EventMessage<?>> pending = new ArrayList<>();
    private long feedNanos;
    private long units;
    private long lastFlushEndNanos;

    public ProjectionFeeder(PlatformTransactionManager transactions, int batchSize, Object... projections) {
        this.transactions = transactions;
        this.batchSize = batchSize;
        for (Object p : projections) {
            adapters.add(new AnnotationEventHandlerAdapter(p));
            if (p instanceof HeldWrites writes) {
                held.add(writes);
            }
        }
    }

    /** Buffers events; every full batch is processed at once. Returns true when a batch was committed. */
    public boolean add(List<? extends EventMessage<?>> events) {
        boolean committed = false;
        for (EventMessage<?> e : events) {
            pending.add(e);
            if (pending.size() >= batchSize) {
                process();
                committed = true;
            }
        }
        return committed;
    }

    /** Processes whatever is buffered as one batch, then writes what projections hold. */
    public void flush() {
        if (!pending.isEmpty()) {
            process();
        }
        long start = System.nanoTime();
        for (HeldWrites writes : held) {
            writeHeld(writes);
        }
        feedNanos += System.nanoTime() - start;
    }

    private void writeHeld(HeldWrites writes) {
        TransactionStatus tx = transactions.getTransaction(new DefaultTransactionDefinition());
        try {
            writes.writeHeld();
        } catch (RuntimeException | Error e) {
            transactions.rollback(tx);
            throw e;
        }
        transactions.commit(tx);
    }

    private void process() {
        long start = System.nanoTime();
        TransactionStatus tx = transactions.getTransaction(new DefaultTransactionDefinition());
        DefaultUnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
        try {
            for (EventMessage<?> e : pending) {
                for (AnnotationEventHandlerAdapter adapter : adapters) {
                    if (adapter.canHandle(e)) {
                        adapter.handle(e);
                    }
                }
            }
            unit.commit();
        } catch (Exception | Error e) {
            if (unit.isActive()) {
                unit.rollback(e);
            }
            transactions.rollback(tx);
            throw new IllegalStateException("batch failed", e);
        }
        transactions.commit(tx);
        for (HeldWrites writes : held) {
            if (writes.full()) {
                writeHeld(writes);
            }
        }
        pending.clear();
        units++;
        lastFlushEndNanos = System.nanoTime();
        feedNanos += lastFlushEndNanos - start;
    }

    /** Time spent inside batches (handlers, flushes, commits), excluding event generation. */
    public long feedNanos() {
        return feedNanos;
    }

    public long units() {
        return units;
    }

    public long lastFlushEndNanos() {
        return lastFlushEndNanos;
    }
}
