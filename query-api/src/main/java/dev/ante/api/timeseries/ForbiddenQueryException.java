package dev.ante.api.timeseries;

/** A query that would write or change the schema; refused and nothing changed. */
public class ForbiddenQueryException extends RuntimeException {
    public ForbiddenQueryException(String message) {
        super(message);
    }
}
