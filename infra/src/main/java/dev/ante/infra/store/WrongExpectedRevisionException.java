package dev.ante.infra.store;

/**
 * An append whose expected revision did not match the stream. {@code actualRevision} is the stream's
 * last revision, or {@code -1} when the stream does not exist.
 */
public class WrongExpectedRevisionException extends RuntimeException {

    private final String stream;
    private final ExpectedRevision expected;
    private final long actualRevision;

    public WrongExpectedRevisionException(String stream, ExpectedRevision expected, long actualRevision) {
        super("stream " + stream + ": expected " + describe(expected) + " but the last revision is "
                + (actualRevision < 0 ? "none (no stream)" : actualRevision));
        this.stream = stream;
        this.expected = expected;
        this.actualRevision = actualRevision;
    }

    private static String describe(ExpectedRevision expected) {
        if (expected instanceof ExpectedRevision.Exact exact) {
            return "revision " + exact.revision();
        }
        return expected instanceof ExpectedRevision.NoStream ? "no stream" : "any revision";
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
