package dev.ante.domain;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;

/**
 * The event ids a stream has recorded, each with its revision, so that an id that comes back is recognised: the
 * write path then reads the event recorded at that revision and compares it with the one submitted (a retry is a
 * duplicate, a reused id with other content a conflict). Nothing of the event's content is kept.
 *
 * <p>The ledger lives as long as its stream's state is held, which for a busy platform is hundreds of thousands
 * of events in the old generation. It is therefore two arrays, not an object per event: the entries in the
 * order they were recorded (the id's two halves and the revision: three longs, 24 bytes), and an open-addressing
 * index of entry numbers over them, rebuilt when it grows or after the ledger is read from a snapshot.
 */
public final class EventLedger {

    /** Longs per entry: the id's two halves, the revision. */
    private static final int STRIDE = 3;
    private static final long[] NONE = new long[0];

    /**
     * Mixed into every slot's hash. Event ids are chosen by clients; without a secret, ids made to share a
     * slot would make each lookup in their stream walk all of them.
     */
    private static final long SEED = new SecureRandom().nextLong();

    /** The entries in recording order, {@link #STRIDE} longs each; capacity beyond {@link #size} is unused. */
    private long[] recorded = NONE;
    private int size;
    /** Entry number + 1 per slot, 0 for an empty slot; a power of two, at most half full. Not in snapshots. */
    private transient int[] slots;

    /** Remembers that {@code eventId} was recorded at {@code revision} (a later revision replaces an earlier one). */
    public void record(UUID eventId, long revision) {
        long high = eventId.getMostSignificantBits();
        long low = eventId.getLeastSignificantBits();
        int found = find(high, low);
        int at;
        if (found >= 0) {
            at = found * STRIDE;
        } else {
            if ((size + 1) * STRIDE > recorded.length) {
                recorded = Arrays.copyOf(recorded, Math.max(8 * STRIDE, (recorded.length / STRIDE * 3 / 2 + 1) * STRIDE));
            }
            at = size * STRIDE;
            recorded[at] = high;
            recorded[at + 1] = low;
            size++;
            index(size - 1);
        }
        recorded[at + 2] = revision;
    }

    /** The revision {@code eventId} was recorded at, or -1 when the stream has not recorded it. */
    public long revisionOf(UUID eventId) {
        int found = find(eventId.getMostSignificantBits(), eventId.getLeastSignificantBits());
        return found < 0 ? -1 : recorded[found * STRIDE + 2];
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
            if (recorded[at] == high && recorded[at + 1] == low) {
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
        int slot = hash(recorded[at], recorded[at + 1]) & mask;
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
