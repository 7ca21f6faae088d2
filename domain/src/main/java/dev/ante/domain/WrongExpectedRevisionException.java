package dev.ante.domain;

/**
 * A stream was not where a write expected it: the caller's expectation, checked by the aggregate against
 * the stream it loaded, or the event store's, checked at the append. {@code actualRevision} is the
 * stream's last revision, or {@code -1} when the stream does not exist. Nothing was written.
 */
public class WrongExpectedRevisionException extends RuntimeException {

    private final String stream;
    private final ExpectedRevision expected;
    private final long actualRevision;

    public WrongExpectedRevisionException(String stream, ExpectedRevision expected, long actualRevision) {
        super("stream " + stream + " is at revision " + (actualRevision < 0 ? "none (no stream)" : actualRevision)
                + ", not at the expected revision " + expected.asText());
        this.stream = stream;
        this.expected = expected;
        this.actualRevision = actualRevision;
    }

    public String stream() {
        return stream;
    }

    public ExpectedRevision expected() {
        return expected;
    }

    public long actualRevision() {
        return actualRevision;
    }
}
