package dev.ante.infra.store;

/** The backend could not be reached or failed; nothing was acknowledged. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
