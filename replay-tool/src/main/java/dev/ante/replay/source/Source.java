package dev.ante.replay.source;

import dev.ante.domain.GameId;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StreamRead;

/**
 * Where the replay tool reads events from: a running Ante over HTTP, or any
 * {@link dev.ante.infra.store.StreamStore} backend, today an embedded data directory or KurrentDB (see
 * {@link SourceSpec}).
 *
 * <p>Every source hands out the store's own {@link RecordedEvent}s, whatever its transport, so that one
 * {@link dev.ante.infra.codec.EventCodec} decodes them all exactly as the platform does. Failures to reach
 * or use the source are {@link SourceException}s naming the source.
 */
public interface Source extends AutoCloseable {

    /** How the source is named in messages: the URL, the directory or the connection string, never a secret. */
    String name();

    /**
     * Up to {@code maxCount} events of the game's stream from {@code fromRevision} on, in revision order;
     * a source may return fewer than asked for even before the end. {@link StreamRead.NotFound} when the
     * game does not exist.
     */
    StreamRead readGame(GameId game, long fromRevision, int maxCount);

    /**
     * Hands every event of every game stream to {@code scan}, each game's events in revision order (games
     * may interleave), and stops at the end of the log as it was when the scan began, so that a platform
     * writing meanwhile does not keep the scan going. Streams other than {@code game-*} are skipped.
     */
    void scanGames(GameScan scan);

    @Override
    void close();

    /** What a {@link #scanGames} sees. */
    interface GameScan {

        /** One event of a game stream. */
        void event(RecordedEvent event);

        /**
         * How far the scan is, in units of the source's choosing; {@code total} is negative while it is
         * not known yet.
         */
        default void progress(long done, long total) {
        }
    }
}
