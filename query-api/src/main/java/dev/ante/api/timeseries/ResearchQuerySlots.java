package dev.ante.api.timeseries;

import java.util.concurrent.Semaphore;

/**
 * How many researchers' queries may run at once. A query that finds no free slot is refused at once
 * rather than queued: a queue would hold HTTP threads and hide the overload from the caller.
 */
public class ResearchQuerySlots {

    private final int slots;
    private final Semaphore free;

    public ResearchQuerySlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("ante.questdb.max-concurrent-queries must be at least 1, was " + slots);
        }
        this.slots = slots;
        this.free = new Semaphore(slots);
    }

    /** Takes a slot, or returns false when all are in use. */
    public boolean tryAcquire() {
        return free.tryAcquire();
    }

    public void release() {
        free.release();
    }

    public int slots() {
        return slots;
    }

    public int inUse() {
        return slots - free.availablePermits();
    }
}
