package dev.ante.api.ingest;

/**
 * Another writer appended to the stream each time this batch was decided and appended: nothing of the
 * batch was written, and a retry may succeed.
 */
public class ConcurrentAppendException extends RuntimeException {

    private final String stream;
    private final long actualRevision;

    public ConcurrentAppendException(String stream, long actualRevision, int attempts) {
        super("stream " + stream + " was appended to concurrently each of the " + attempts
                + " times this batch was decided; its last revision is now " + actualRevision);
        this.stream = stream;
        this.actualRevision = actualRevision;
    }

    public String stream() {
        return stream;
    }

    public long actualRevision() {
        return actualRevision;
    }
}
