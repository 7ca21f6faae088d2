package dev.ante.api.timeseries;

/** QuestDB cannot be reached for a query. */
public class TimeSeriesUnavailableException extends RuntimeException {
    public TimeSeriesUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
