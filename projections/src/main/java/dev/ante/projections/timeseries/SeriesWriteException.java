package dev.ante.projections.timeseries;

/** QuestDB did not take a batch; the processor rolls back its token and retries the batch. */
public class SeriesWriteException extends RuntimeException {
    public SeriesWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
