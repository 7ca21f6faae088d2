package dev.ante.domain;

/** A validated game id; {@link #streamName()} is the only place its stream name is built. */
public record GameId(String value) {

    /** Stream name prefix, including the dash. */
    public static final String STREAM_PREFIX = "game-";

    public GameId {
        StreamIds.requireValid("game", value);
    }

    public static GameId of(String value) {
        return new GameId(value);
    }

    /** Parses a stream name such as {@code game-abc} back into its id. */
    public static GameId fromStreamName(String stream) {
        if (stream == null || !stream.startsWith(STREAM_PREFIX)) {
            throw new InvalidIdException("'" + stream + "' is not a game stream");
        }
        return new GameId(stream.substring(STREAM_PREFIX.length()));
    }

    public String streamName() {
        return STREAM_PREFIX + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
