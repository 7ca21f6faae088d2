package dev.ante.replay.source;

/** The source is well formed but of a kind this build cannot read; a usage error, not a failure. */
public class UnsupportedSourceException extends RuntimeException {

    public UnsupportedSourceException(String message) {
        super(message);
    }
}
