package dev.ante.domain.game;

import dev.ante.domain.EventLedger;
import dev.ante.domain.GameId;
import dev.ante.domain.RecordEvents;
import dev.ante.domain.RecordedEvents;
import dev.ante.domain.RecordingBatch;
import dev.ante.domain.RecordingStream;
import dev.ante.domain.RejectedEventsException;
import dev.ante.domain.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One game's stream as the write path sees it. It decides whether a batch may be recorded: GameStarted
 * first and once, nothing after GameCompleted, the ante never decreases, duplicates are skipped and a
 * reused event id with other content is a conflict. Its state is the shared {@link GameState} fold.
 */
public final class Game implements RecordingStream<GameEvent> {

    private GameState state = GameState.initial();
    private final EventLedger ledger = new EventLedger();

    @Override
    public RecordingBatch<GameEvent> decide(RecordEvents<GameEvent> command, RecordedEvents recorded) {
        RecordingBatch<GameEvent> batch = RecordingBatch.partition(command.stream(), command.expectedRevision(),
                state.revision(), ledger, recorded, command.events());
        // The stream name was built from a valid id: the id is what follows the prefix.
        check(command.stream().substring(GameId.STREAM_PREFIX.length()), batch);
        return batch;
    }

    /** Runs the batch through the fold on a scratch state and reports every rule it breaks. */
    private void check(String gameId, RecordingBatch<GameEvent> batch) {
        List<Violation> violations = new ArrayList<>();
        GameState probe = state;
        for (int i = 0; i < batch.fresh().size(); i++) {
            int index = batch.indexOf(i);
            GameEvent event = batch.fresh().get(i).data();
            boolean isStart = event instanceof GameStarted;
            if (probe.completed()) {
                violations.add(new Violation(index, "type", "game " + gameId + " is already completed ("
                        + probe.status() + "); no event may follow GameCompleted, got "
                        + event.getClass().getSimpleName()));
                continue;
            }
            if (!probe.started() && !isStart) {
                violations.add(new Violation(index, "type", "the first event of game " + gameId
                        + " must be GameStarted, got " + event.getClass().getSimpleName()));
                continue;
            }
            if (probe.started() && isStart) {
                violations.add(new Violation(index, "type",
                        "game " + gameId + " has already started; GameStarted may occur only once"));
                continue;
            }
            GameState next = probe.evolve(event);
            if (probe.ante() != null && next.ante() != null && next.ante() < probe.ante()) {
                String field = event instanceof GameCompleted ? "data.finalAnte" : "data.ante";
                violations.add(new Violation(index, field, "ante " + next.ante()
                        + " is lower than the game's current ante " + probe.ante() + "; the ante never decreases"));
                continue;
            }
            probe = next;
        }
        if (!violations.isEmpty()) {
            throw new RejectedEventsException(violations);
        }
    }

    @Override
    public void evolve(GameEvent event, UUID eventId, Instant occurredAt) {
        state = state.evolve(event);
        if (eventId != null) {
            ledger.record(eventId, state.revision());
        }
    }

    @Override
    public long revision() {
        return state.revision();
    }

    /** The current state; for tests and diagnostics. */
    public GameState state() {
        return state;
    }
}
