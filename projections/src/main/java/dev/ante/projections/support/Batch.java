package dev.ante.projections.support;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Gathers a projection's changes over one unit of work — for a streaming processor, a whole batch of
 * events — and writes them once, just before the unit commits. The processor's token is stored in the
 * same transaction, so rows and token move together and a crash or a replay never counts an event twice.
 */
public final class Batch {

    private Batch() {
    }

    /**
     * The buffer of {@code owner} in the current unit of work, created on first use with {@code flush}
     * registered to run before the unit commits.
     */
    public static <B> B current(Object owner, Supplier<B> create, Consumer<B> flush) {
        UnitOfWork<?> unit = CurrentUnitOfWork.get().root();
        String key = owner.getClass().getName() + "@" + System.identityHashCode(owner);
        return unit.getOrComputeResource(key, k -> {
            B buffer = create.get();
            unit.onPrepareCommit(u -> flush.accept(buffer));
            return buffer;
        });
    }
}
