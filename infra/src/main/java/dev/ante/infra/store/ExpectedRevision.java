package dev.ante.infra.store;

/** What the writer believes about a stream before appending to it. */
public sealed interface ExpectedRevision {

    /** No check at all. */
    record Any() implements ExpectedRevision {
    }

    /** The stream must not exist yet. */
    record NoStream() implements ExpectedRevision {
    }

    /** The stream's last revision must be exactly {@code revision}. */
    record Exact(long revision) implements ExpectedRevision {
        public Exact {
            if (revision < 0) {
                throw new IllegalArgumentException("revision must be >= 0, was " + revision);
            }
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
}
