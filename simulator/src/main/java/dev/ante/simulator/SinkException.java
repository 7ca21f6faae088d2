package dev.ante.simulator;

/** A batch the sink could not deliver, or the platform refused; {@code status} is the HTTP status, or 0. */
public class SinkException extends RuntimeException {

    private final int status;

    public SinkException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
