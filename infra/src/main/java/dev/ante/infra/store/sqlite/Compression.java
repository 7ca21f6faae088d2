package dev.ante.infra.store.sqlite;

/**
 * How the embedded store compresses each event's data and metadata: zstd with a dictionary trained on the
 * store's own first events. A single event's JSON is a few hundred bytes, too little for a compressor to
 * find repetitions in; the dictionary holds what events have in common (field names, joker names, enum
 * values), so each event is stored as little more than what makes it different.
 *
 * @param enabled          whether new events are compressed at all; a store always reads compressed events
 * @param trainAfterEvents the store trains its dictionary once it holds this many events; until then, and
 *                         while training, events are stored as they are
 * @param sampleEvents     how many of the most recent uncompressed events the dictionary is trained on
 * @param dictionaryBytes  the dictionary's size
 * @param level            the zstd level events are compressed at
 */
public record Compression(boolean enabled, int trainAfterEvents, int sampleEvents, int dictionaryBytes, int level) {

    public Compression {
        if (trainAfterEvents < 1 || sampleEvents < 1) {
            throw new IllegalArgumentException("trainAfterEvents and sampleEvents must be >= 1");
        }
        if (dictionaryBytes < 1_024) {
            throw new IllegalArgumentException("dictionaryBytes must be >= 1024, was " + dictionaryBytes);
        }
        if (level < 1 || level > 19) {
            throw new IllegalArgumentException("level must be 1..19, was " + level);
        }
    }

    /**
     * The store's default: train on the first 2,000 events (about nine complete games), a 32 KB dictionary,
     * level 3 (a few microseconds per event; higher levels cost several times more for a few bytes less).
     */
    public static Compression defaults() {
        return new Compression(true, 2_000, 10_000, 32 * 1_024, 3);
    }

    /** No compression of new events. */
    public static Compression off() {
        return new Compression(false, Integer.MAX_VALUE, 1, 1_024, 3);
    }

    /** The defaults, training after {@code events} events: for tests that want a dictionary soon. */
    public static Compression trainingAfter(int events) {
        Compression d = defaults();
        return new Compression(true, events, d.sampleEvents(), d.dictionaryBytes(), d.level());
    }
}
