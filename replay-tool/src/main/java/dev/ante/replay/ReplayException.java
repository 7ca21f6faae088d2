package dev.ante.replay;

/**
 * A failure the user should read, not a bug: the tool prints the message alone and exits with
 * {@link ReplayTool#FAILED}.
 */
public class ReplayException extends RuntimeException {

    public ReplayException(String message) {
        super(message);
    }

    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
