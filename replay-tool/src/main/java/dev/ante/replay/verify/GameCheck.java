package dev.ante.replay.verify;

import dev.ante.domain.catalog.EventCatalog;
import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.game.GameState;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.replay.GameEventDecoder;
import dev.ante.replay.UndecodableEventException;
import java.util.List;

/**
 * The invariants of one game stream, checked event by event while the stream is folded with the domain's
 * {@link GameState}: revisions dense from 0, GameStarted first and exactly once, nothing after
 * GameCompleted, an ante that never decreases, and every stored event a decodable game event.
 *
 * <p>A check keeps going after a violation, so one report lists everything wrong with a stream; an event
 * that does not decode is reported and left out of the fold.
 */
final class GameCheck {

    private static final String STARTED = EventCatalog.nameOf(GameStarted.class);
    private static final String COMPLETED = EventCatalog.nameOf(GameCompleted.class);

    private final String stream;
    private long nextRevision;
    private long events;
    private long startedAt = -1;
    private long completedAt = -1;
    private GameState state = GameState.initial();

    GameCheck(String stream) {
        this.stream = stream;
    }

    /** Checks and folds the stream's next event, adding what is wrong with it to {@code findings}. */
    void accept(RecordedEvent event, GameEventDecoder decoder, List<Finding> findings) {
        long revision = event.revision();
        String type = event.type();
        if (revision != nextRevision) {
            findings.add(finding(revision, events == 0
                    ? "the stream starts at revision " + revision + ", not 0"
                    : "revision " + revision + " follows revision " + (nextRevision - 1)
                            + ": revisions must be dense and in order"));
        }
        nextRevision = revision + 1;
        if (events++ == 0 && !type.equals(STARTED)) {
            findings.add(finding(revision, "the first event is " + type + ", not " + STARTED));
        }
        if (type.equals(STARTED)) {
            if (startedAt >= 0) {
                findings.add(finding(revision, "a second " + STARTED + " (the first is at revision " + startedAt + ")"));
            } else {
                startedAt = revision;
            }
        }
        if (completedAt >= 0) {
            findings.add(finding(revision, type + " after " + COMPLETED + " at revision " + completedAt));
        } else if (type.equals(COMPLETED)) {
            completedAt = revision;
        }
        GameEvent decoded;
        try {
            decoded = decoder.decode(event);
        } catch (UndecodableEventException e) {
            findings.add(finding(revision, e.reason()));
            return;
        }
        GameState next = state.evolve(decoded);
        if (state.ante() != null && next.ante() != null && next.ante() < state.ante()) {
            findings.add(finding(revision, "the ante decreases from " + state.ante() + " to " + next.ante()
                    + " (" + type + ")"));
        }
        state = next;
    }

    /** The fold so far. */
    GameState state() {
        return state;
    }

    /** How many events were checked. */
    long events() {
        return events;
    }

    private Finding finding(long revision, String message) {
        return new Finding(stream, revision, message);
    }
}
