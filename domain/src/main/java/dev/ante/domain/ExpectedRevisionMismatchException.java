package dev.ante.domain;

/**
 * The caller's {@code expectedRevision} is not the stream's last revision ({@code -1}: no stream).
 */
public class ExpectedRevisionMismatchException extends RuntimeException {

    private final String stream;
    private final long expectedRevision;
    private final long actualRevision;

    public ExpectedRevisionMismatchException(String stream, long expectedRevision, long actualRevision) {
        super("stream " + stream + " is at revision " + (actualRevision < 0 ? "none (no stream)" : actualRevision)
                + ", not at the expected revision " + expectedRevision);
        this.stream = stream;
        this.expectedRevision = expectedRevision;
        this.actualRevision = actualRevision;
    }

    public String stream() {
        return stream;
    }

    public long expectedRevision() {
        return expectedRevision;
    }

    public long actualRevision() {
        return actualRevision;
    }
}
