package dev.ante.replay;

import dev.ante.domain.GameId;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StreamRead;
import dev.ante.replay.source.Source;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One game's events in revision order, read page by page from a {@link Source}, up to an end fixed when the
 * stream is opened: a game the platform keeps appending to is read as it was at that moment.
 */
public final class GameStream implements Iterator<RecordedEvent> {

    private static final int PAGE = 4096;

    private final Source source;
    private final GameId game;
    private final long lastRevision;
    private long end;
    private List<RecordedEvent> page;
    private int index;
    private long next;

    private GameStream(Source source, GameId game, StreamRead.Found first, long fromRevision) {
        this.source = source;
        this.game = game;
        this.lastRevision = first.lastRevision();
        this.end = lastRevision;
        this.page = first.events();
        this.next = fromRevision;
    }

    /**
     * Opens the game's stream at {@code fromRevision}.
     *
     * @throws GameNotFoundException when the source has no such game
     */
    public static GameStream open(Source source, GameId game, long fromRevision) {
        StreamRead read = source.readGame(game, fromRevision, PAGE);
        if (read instanceof StreamRead.Found found) {
            return new GameStream(source, game, found, fromRevision);
        }
        throw new GameNotFoundException(game, source.name());
    }

    /** The stream's last revision when it was opened. */
    public long lastRevision() {
        return lastRevision;
    }

    /** Stops the iteration after {@code revision}. */
    public GameStream until(long revision) {
        end = Math.min(end, revision);
        return this;
    }

    @Override
    public boolean hasNext() {
        if (next > end) {
            return false;
        }
        if (index >= page.size()) {
            if (!(source.readGame(game, next, PAGE) instanceof StreamRead.Found found)) {
                throw new GameNotFoundException(game, source.name());
            }
            page = found.events();
            index = 0;
        }
        return index < page.size() && page.get(index).revision() <= end;
    }

    @Override
    public RecordedEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RecordedEvent event = page.get(index++);
        next = event.revision() + 1;
        return event;
    }
}
