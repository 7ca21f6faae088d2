package dev.ante.api.error;

import java.time.Duration;

/** The platform is at a limit it keeps to stay up (memory for bodies, waiting reads); nothing was done. */
public class ServiceBusyException extends RuntimeException {

    private final Duration retryAfter;

    public ServiceBusyException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** When the client may try again; sent as {@code Retry-After}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
