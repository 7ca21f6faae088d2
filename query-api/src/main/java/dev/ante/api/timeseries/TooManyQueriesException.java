package dev.ante.api.timeseries;

/** Every slot for researchers' queries is taken ({@code ante.questdb.max-concurrent-queries}). */
public class TooManyQueriesException extends RuntimeException {

    private final int retryAfterSeconds;

    public TooManyQueriesException(int slots, int retryAfterSeconds) {
        super(slots + " research " + (slots == 1 ? "query is" : "queries are")
                + " already running (ante.questdb.max-concurrent-queries); retry after " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
