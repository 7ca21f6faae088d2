package dev.ante.domain;

/** A validated strategy id; {@link #streamName()} is the only place its stream name is built. */
public record StrategyId(String value) {

    /** Stream name prefix, including the dash. */
    public static final String STREAM_PREFIX = "strategy-";

    public StrategyId {
        StreamIds.requireValid("strategy", value);
    }

    public static StrategyId of(String value) {
        return new StrategyId(value);
    }

    /** Parses a stream name such as {@code strategy-abc} back into its id. */
    public static StrategyId fromStreamName(String stream) {
        if (stream == null || !stream.startsWith(STREAM_PREFIX)) {
            throw new InvalidIdException("'" + stream + "' is not a strategy stream");
        }
        return new StrategyId(stream.substring(STREAM_PREFIX.length()));
    }

    public String streamName() {
        return STREAM_PREFIX + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
