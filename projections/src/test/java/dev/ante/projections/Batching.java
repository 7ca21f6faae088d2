package dev.ante.projections;

import java.util.List;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

/**
 * How a streaming processor might cut the same events into units of work. A projection must end up with
 * the same rows however they are cut: one unit per event makes it reload everything from its tables,
 * one unit for all keeps everything in its buffer, and units of three mix the two mid-game.
 */
public enum Batching {
    ALL_IN_ONE_UNIT(Integer.MAX_VALUE),
    ONE_EVENT_PER_UNIT(1),
    THREE_EVENTS_PER_UNIT(3);

    private final int eventsPerUnit;

    Batching(int eventsPerUnit) {
        this.eventsPerUnit = eventsPerUnit;
    }

    /** Runs each handler call inside a unit of work, committing each unit as a processor would. */
    public void feed(List<Runnable> events) {
        for (int from = 0; from < events.size(); from += eventsPerUnit) {
            List<Runnable> unit = events.subList(from, (int) Math.min(events.size(), (long) from + eventsPerUnit));
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            try {
                unit.forEach(Runnable::run);
            } catch (RuntimeException | Error e) {
                unitOfWork.rollback(e);
                throw e;
            }
            unitOfWork.commit();
        }
    }
}
