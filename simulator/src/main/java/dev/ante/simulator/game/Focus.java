package dev.ante.simulator.game;

/** The kind of hand a strategy builds towards; it steers discards and which jokers look attractive. */
public enum Focus {
    FLUSH, PAIRS, STRAIGHT, FACES, ANY;

    /** The hand types this focus aims to play. */
    public boolean aims(HandType type) {
        return switch (this) {
            case FLUSH -> type.contains(HandType.FLUSH);
            case PAIRS -> type.contains(HandType.PAIR);
            case STRAIGHT -> type.contains(HandType.STRAIGHT);
            case FACES, ANY -> true;
        };
    }
}
