package dev.ante.replay.verify;

/**
 * One broken invariant of one game stream.
 *
 * @param stream   the game's stream
 * @param revision the revision of the event that breaks it
 * @param message  what is wrong, in words
 */
public record Finding(String stream, long revision, String message) {
}
