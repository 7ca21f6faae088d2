package dev.ante.domain;

/**
 * What a writer expects of a stream before appending to it: the same expectation from the API's
 * {@code expectedRevision} through the recording commands down to the event store's append.
 */
public sealed interface ExpectedRevision {

    /** No check at all. */
    record Any() implements ExpectedRevision {
        @Override
        public boolean isMetBy(long lastRevision) {
            return true;
        }

        @Override
        public String asText() {
            return "any";
        }
    }

    /** The stream must not exist yet. */
    record NoStream() implements ExpectedRevision {
        @Override
        public boolean isMetBy(long lastRevision) {
            return lastRevision < 0;
        }

        @Override
        public String asText() {
            return "-1";
        }
    }

    /** The stream's last revision must be exactly {@code revision}. */
    record Exact(long revision) implements ExpectedRevision {
        public Exact {
            if (revision < 0) {
                throw new IllegalArgumentException("revision must be >= 0, was " + revision);
            }
        }

        @Override
        public boolean isMetBy(long lastRevision) {
            return lastRevision == revision;
        }

        @Override
        public String asText() {
            return Long.toString(revision);
        }
    }

    static ExpectedRevision any() {
        return new Any();
    }

    static ExpectedRevision noStream() {
        return new NoStream();
    }

    static ExpectedRevision exact(long revision) {
        return new Exact(revision);
    }

    /** The expectation that an append of events starting at {@code firstRevision} implies. */
    static ExpectedRevision before(long firstRevision) {
        return firstRevision == 0 ? noStream() : exact(firstRevision - 1);
    }

    /**
     * The expectation written as the API's {@code expectedRevision} number: {@code -1} for no stream,
     * otherwise the stream's last revision.
     *
     * @throws IllegalArgumentException when {@code revision} is below -1
     */
    static ExpectedRevision of(long revision) {
        if (revision < -1) {
            throw new IllegalArgumentException("an expected revision is -1 (no stream) or >= 0, was " + revision);
        }
        return revision == -1 ? noStream() : exact(revision);
    }

    /** Whether a stream whose last revision is {@code lastRevision} ({@code -1}: no stream) meets this expectation. */
    boolean isMetBy(long lastRevision);

    /** The expectation as the API writes it: the revision, {@code -1} for no stream, {@code any} for no check. */
    String asText();
}
