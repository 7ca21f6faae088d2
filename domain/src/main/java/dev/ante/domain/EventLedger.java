package dev.ante.domain;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * The event ids a stream has recorded, with a digest of what each carried ({@link ContentDigest} of its time
 * and data), so that a retried event is recognised as a duplicate and a reused id with other content as a
 * conflict. Only the digest is kept, not the event.
 *
 * <p>The ledger lives as long as its stream's state is held, which for a busy platform is hundreds of thousands
 * of events in the old generation. It is therefore two arrays, not an object per event: the entries in the
 * order they were recorded (id, revision and digest: five longs, 40 bytes), and an open-addressing index of
 * entry numbers over them, rebuilt when it grows or after the ledger is read from a snapshot. A hash map of
 * records held five objects and about 150 bytes per event, each of which the collector had to visit.
 */
public final class EventLedger {

    /** Longs per entry: the id's two halves, the revision, the digest's two halves. */
    private static final int STRIDE = 5;
    private static final long[] NONE = new long[0];

    /**
     * Mixed into every slot's hash. Event ids are chosen by clients; without a secret, ids made to share a
     * slot would make each lookup in their stream walk all of them.
     */
    private static final long SEED = new SecureRandom().nextLong();

    /** The entries in recording order, {@link #STRIDE} longs each; capacity beyond {@link #size} is unused. */
    private long[] entries = NONE;
    private int size;
    /** Entry number + 1 per slot, 0 for an empty slot; a power of two, at most half full. Not in snapshots. */
    private transient int[] slots;

    /** Remembers that {@code eventId} was recorded at {@code revision}, at {@code occurredAt}, with {@code data}. */
    public void record(UUID eventId, long revision, Instant occurredAt, Object data) {
        ContentDigest digest = ContentDigest.ofEvent(occurredAt, data);
        long high = eventId.getMostSignificantBits();
        long low = eventId.getLeastSignificantBits();
        int found = find(high, low);
        int at;
        if (found >= 0) {
            at = found * STRIDE;
        } else {
            if ((size + 1) * STRIDE > entries.length) {
                entries = Arrays.copyOf(entries, Math.max(8 * STRIDE, (entries.length / STRIDE * 3 / 2 + 1) * STRIDE));
            }
            at = size * STRIDE;
            entries[at] = high;
            entries[at + 1] = low;
            size++;
            index(size - 1);
        }
        entries[at + 2] = revision;
        entries[at + 3] = digest.high();
        entries[at + 4] = digest.low();
    }

    /**
     * True when {@code event} was already recorded with the same time and content.
     *
     * @throws EventIdConflictException when its id was recorded with another time or content
     */
    public boolean isDuplicate(int index, IncomingEvent<?> event) {
        int found = find(event.eventId().getMostSignificantBits(), event.eventId().getLeastSignificantBits());
        if (found < 0) {
            return false;
        }
        int at = found * STRIDE;
        ContentDigest digest = ContentDigest.ofEvent(event.occurredAt(), event.data());
        if (entries[at + 3] == digest.high() && entries[at + 4] == digest.low()) {
            return true;
        }
        throw new EventIdConflictException(index, event.eventId(), entries[at + 2]);
    }

    /** How many event ids the ledger holds. */
    public int size() {
        return size;
    }

    /** The entry number of the id, or -1. */
    private int find(long high, long low) {
        if (size == 0) {
            return -1;
        }
        int[] table = slots();
        int mask = table.length - 1;
        for (int slot = hash(high, low) & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot] - 1;
            if (entry < 0) {
                return -1;
            }
            int at = entry * STRIDE;
            if (entries[at] == high && entries[at + 1] == low) {
                return entry;
            }
        }
    }

    /** Adds entry {@code entry} to the index, doubling it first if it would be more than half full. */
    private void index(int entry) {
        if (slots == null || (size << 1) > slots.length) {
            // Built anew over every entry, this one included.
            slots = null;
            slots();
            return;
        }
        place(slots, entry);
    }

    /** The index, built over every entry when there is none (a new ledger, one read from a snapshot). */
    private int[] slots() {
        if (slots == null) {
            int capacity = 16;
            while (capacity < (size << 1)) {
                capacity <<= 1;
            }
            int[] table = new int[capacity];
            for (int entry = 0; entry < size; entry++) {
                place(table, entry);
            }
            slots = table;
        }
        return slots;
    }

    private void place(int[] table, int entry) {
        int mask = table.length - 1;
        int at = entry * STRIDE;
        int slot = hash(entries[at], entries[at + 1]) & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = entry + 1;
    }

    private static int hash(long high, long low) {
        return (int) mix(mix(low ^ SEED) ^ high);
    }

    /** The 64-bit finaliser of MurmurHash3: every input bit affects every output bit. */
    private static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
