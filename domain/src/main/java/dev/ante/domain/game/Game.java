package dev.ante.domain.game;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ante.domain.AppendOutcome;
import dev.ante.domain.EventLedger;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.RecordingBatch;
import dev.ante.domain.RejectedEventsException;
import dev.ante.domain.Violation;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One game, identified by its stream name. It decides whether a batch may be recorded: GameStarted
 * first and once, nothing after GameCompleted, the ante never decreases, duplicates are skipped and a
 * reused event id with other content is a conflict. Its state is the shared {@link GameState} fold.
 */
public class Game {

    @AggregateIdentifier
    private String stream;
    private GameState state = GameState.initial();
    private final EventLedger ledger = new EventLedger();

    protected Game() {
        // required by Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AppendOutcome handle(RecordGameEvents command) {
        String target = command.stream();
        long before = state.revision();
        RecordingBatch<GameEvent> batch =
                RecordingBatch.partition(target, command.expectedRevision(), before, ledger, command.events());
        check(command.gameId().value(), batch);
        if (stream == null) {
            stream = target;
        }
        for (IncomingEvent<GameEvent> event : batch.fresh()) {
            apply(event.data(), RecordingBatch.metaData(event));
        }
        return batch.outcome(target, before, state.revision());
    }

    /** Runs the batch through the fold on a scratch state and reports every rule it breaks. */
    private void check(String gameId, RecordingBatch<GameEvent> batch) {
        List<Violation> violations = new ArrayList<>();
        GameState probe = state;
        for (int i = 0; i < batch.fresh().size(); i++) {
            int index = batch.indexOf(i);
            GameEvent event = batch.fresh().get(i).data();
            String type = event.getClass().getSimpleName();
            boolean isStart = event instanceof GameStarted;
            if (probe.completed()) {
                violations.add(new Violation(index, "type", "game " + gameId + " is already completed ("
                        + probe.status() + "); no event may follow GameCompleted, got " + type));
                continue;
            }
            if (!probe.started() && !isStart) {
                violations.add(new Violation(index, "type",
                        "the first event of game " + gameId + " must be GameStarted, got " + type));
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

    @EventSourcingHandler
    void on(GameEvent event, @SourceId String sourceId,
            @MetaDataValue(IncomingEvent.EVENT_ID) String eventId,
            @MetaDataValue(IncomingEvent.OCCURRED_AT) String occurredAt) {
        if (stream == null) {
            stream = sourceId;
        }
        state = state.evolve(event);
        ledger.recordStored(eventId, state.revision(), occurredAt, event);
    }

    /** The current state; for tests and diagnostics. */
    public GameState state() {
        return state;
    }
}
