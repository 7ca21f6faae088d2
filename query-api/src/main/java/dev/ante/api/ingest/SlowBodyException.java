package dev.ante.api.ingest;

/** The request body arrived too slowly and was cut off; nothing was written. */
public class SlowBodyException extends RuntimeException {

    public SlowBodyException(String message) {
        super(message);
    }
}
