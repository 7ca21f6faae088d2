package dev.ante.mcp;

/** The platform could not be asked: unreachable, too slow, or an answer over the size limit. */
public final class AnteApiException extends RuntimeException {

    public AnteApiException(String message) {
        super(message);
    }

    public AnteApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
