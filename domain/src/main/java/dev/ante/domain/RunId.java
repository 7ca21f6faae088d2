package dev.ante.domain;

/** A validated learning run id; {@link #streamName()} is the only place its stream name is built. */
public record RunId(String value) {

    /** Stream name prefix, including the dash. */
    public static final String STREAM_PREFIX = "learning-";

    public RunId {
        StreamIds.requireValid("learning run", value);
    }

    public static RunId of(String value) {
        return new RunId(value);
    }

    /** Parses a stream name such as {@code learning-abc} back into its id. */
    public static RunId fromStreamName(String stream) {
        if (stream == null || !stream.startsWith(STREAM_PREFIX)) {
            throw new InvalidIdException("'" + stream + "' is not a learning run stream");
        }
        return new RunId(stream.substring(STREAM_PREFIX.length()));
    }

    public String streamName() {
        return STREAM_PREFIX + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
