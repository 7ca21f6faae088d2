package dev.ante.infra.store;

import java.util.List;

/**
 * The argument checks every {@link StreamStore} backend makes, with the same messages, so that the backends
 * reject the same calls in the same words. For the backends' use: not part of the port.
 */
public final class StreamStoreArguments {

    private StreamStoreArguments() {
    }

    public static void requireStreamName(String stream) {
        if (stream == null || stream.isEmpty()) {
            throw new IllegalArgumentException("a stream name is required");
        }
    }

    public static void requireMaxCount(int maxCount) {
        if (maxCount < 1) {
            throw new IllegalArgumentException("maxCount must be >= 1, was " + maxCount);
        }
    }

    public static void requireFromRevision(long fromRevision) {
        if (fromRevision < 0) {
            throw new IllegalArgumentException("fromRevision must be >= 0, was " + fromRevision);
        }
    }

    public static void requireAfterPosition(long afterPosition) {
        if (afterPosition < StreamStore.START) {
            throw new IllegalArgumentException("afterPosition must be >= " + StreamStore.START + ", was "
                    + afterPosition);
        }
    }

    /** For snapshots: the revision a snapshot covers. */
    public static void requireRevision(long revision) {
        if (revision < 0) {
            throw new IllegalArgumentException("revision must be >= 0, was " + revision);
        }
    }

    public static <E> void requireEvents(List<E> events) {
        if (events == null || events.isEmpty()) {
            throw new IllegalArgumentException("an append needs at least one event");
        }
    }
}
