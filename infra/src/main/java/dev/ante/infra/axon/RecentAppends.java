package dev.ante.infra.axon;

import dev.ante.infra.store.CommittedAppend;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.RecordedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Events the write path has just appended, handed to the processors' log reader with the payloads the write
 * path decoded from the request, so that the reader neither reads them back from the store nor decodes them
 * again.
 *
 * <p>It is only ever a shortcut for the log: the reader takes a run of events from here only when it starts at
 * the very position the reader is after and has no holes, and reads the store for anything else. An append is
 * handed over once it has committed and before the next one commits (the store promises that order), so a
 * position here is always the event the log holds there. Entries live in a ring indexed by position; a new one
 * overwrites whatever an old position left in its slot, and a taken one is cleared, so the ring holds at most
 * its capacity and usually only what the reader has not reached yet.
 */
public final class RecentAppends {

    /** An appended event as the log holds it, with its payload already decoded. */
    public record Appended(RecordedEvent event, Object payload) {
    }

    private final AtomicReferenceArray<Appended> ring;
    private final int mask;
    /** The greatest position any reader has read past, from here or from the store: older appends are not kept. */
    private final AtomicLong readPast = new AtomicLong(Long.MIN_VALUE);
    /** The position of the last event handed over. */
    private final AtomicLong newest = new AtomicLong(Long.MIN_VALUE);

    /** A ring of at least {@code capacity} events (rounded up to a power of two). */
    public RecentAppends(int capacity) {
        if (capacity < 1 || capacity > 1 << 24) {
            throw new IllegalArgumentException("capacity must be 1 to 16,777,216, was " + capacity);
        }
        int size = 1;
        while (size < capacity) {
            size <<= 1;
        }
        this.ring = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    /** How many events the ring holds at most. */
    public int capacity() {
        return ring.length();
    }

    /**
     * Keeps a committed append's events, the {@code i}th stored as {@code events[i]} with payload {@code payloads[i]}.
     * Called in commit order, as the store tells of its appends.
     */
    public void committed(CommittedAppend append, List<NewEvent> events, List<?> payloads) {
        if (events.size() != payloads.size()) {
            throw new IllegalArgumentException(events.size() + " events but " + payloads.size() + " payloads");
        }
        long past = readPast.get();
        for (int i = 0; i < events.size(); i++) {
            RecordedEvent event = append.recorded(i, events.get(i));
            if (event.position() > past) {
                ring.set(slot(event.position()), new Appended(event, payloads.get(i)));
            }
        }
        if (!events.isEmpty()) {
            newest.accumulateAndGet(append.result().lastPosition(), Math::max);
        }
    }

    /** The position of the last event handed over, or {@link Long#MIN_VALUE} before the first. */
    public long newest() {
        return newest.get();
    }

    /**
     * The events at the positions right after {@code afterPosition}, up to {@code max} of them, as long as each is
     * here; empty when the next one is not. The events returned are released.
     */
    public List<Appended> take(long afterPosition, int max) {
        List<Appended> run = new ArrayList<>(Math.min(max, 256));
        for (long position = afterPosition + 1; run.size() < max; position++) {
            int slot = slot(position);
            Appended appended = ring.get(slot);
            if (appended == null || appended.event().position() != position) {
                break;
            }
            run.add(appended);
            ring.compareAndSet(slot, appended, null);
        }
        if (!run.isEmpty()) {
            readPast(afterPosition + run.size());
        }
        return run;
    }

    /** Tells that a reader has read the log up to {@code position}: appends up to it need not be kept. */
    public void readPast(long position) {
        readPast.accumulateAndGet(position, Math::max);
    }

    private int slot(long position) {
        return (int) (position & mask);
    }
}
