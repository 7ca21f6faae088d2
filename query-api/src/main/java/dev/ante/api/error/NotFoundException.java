package dev.ante.api.error;

/** A stream or resource that does not exist. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
