package dev.ante.api.ingest;

/** A request body over the configured limit; it was not read further and nothing was written. */
public class PayloadTooLargeException extends RuntimeException {

    private final long limit;
    private final Integer index;

    public PayloadTooLargeException(long limit) {
        this(limit, null, "the request body exceeds the limit of " + limit + " bytes");
    }

    /** A part of the body, such as an NDJSON line at {@code index}, over its own limit. */
    public PayloadTooLargeException(long limit, Integer index, String message) {
        super(message);
        this.limit = limit;
        this.index = index;
    }

    public long limit() {
        return limit;
    }

    /** The line or element the limit applies to, or null for the whole body. */
    public Integer index() {
        return index;
    }
}
