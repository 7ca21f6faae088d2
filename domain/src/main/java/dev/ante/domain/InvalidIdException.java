package dev.ante.domain;

/** An id that does not match {@code [A-Za-z0-9._-]{1,64}}. */
public class InvalidIdException extends IllegalArgumentException {
    public InvalidIdException(String message) {
        super(message);
    }
}
