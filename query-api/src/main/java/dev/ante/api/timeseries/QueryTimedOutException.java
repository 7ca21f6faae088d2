package dev.ante.api.timeseries;

import java.time.Duration;

/** A researcher's query ran longer than {@code ante.questdb.query-timeout} and was stopped. */
public class QueryTimedOutException extends RuntimeException {

    private final Duration timeout;

    public QueryTimedOutException(Duration timeout, Throwable cause) {
        super("the query ran longer than " + timeout.toSeconds() + " s (ante.questdb.query-timeout) and was stopped;"
                + " narrow it with a time range, SAMPLE BY or LIMIT", cause);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
