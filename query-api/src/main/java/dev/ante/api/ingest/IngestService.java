package dev.ante.api.ingest;

import dev.ante.domain.AppendOutcome;
import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.GameId;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.RunId;
import dev.ante.domain.StrategyId;
import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.RecordGameEvents;
import dev.ante.domain.learning.LearningEvent;
import dev.ante.domain.learning.RecordMetrics;
import dev.ante.domain.strategy.RecordStrategyEvents;
import dev.ante.domain.strategy.StrategyEvent;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.StreamRead;
import dev.ante.api.stream.StreamHub;
import dev.ante.api.support.BackgroundPriority;
import dev.ante.infra.store.StreamStore;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

/**
 * Sends validated batches to the write path ({@link Recorder}, over the command bus) and reports where they
 * landed. The command returns only once the store has appended the events, so a response means they are
 * durable; its result is a {@link Recorded} carrying the position the append returned.
 */
@Service
public class IngestService {

    private final CommandGateway commands;
    private final StreamStore store;
    private final StreamHub stream;
    private final IngestMetrics metrics;
    private final BackgroundPriority background;
    private final java.util.concurrent.atomic.LongAdder appended = new java.util.concurrent.atomic.LongAdder();

    public IngestService(CommandGateway commands, StreamStore store, StreamHub stream, IngestMetrics metrics,
                         BackgroundPriority background) {
        this.commands = commands;
        this.background = background;
        this.store = store;
        this.stream = stream;
        this.metrics = metrics;
    }

    /** Events this instance has appended since it started (duplicates not counted). */
    public long appendedSinceStart() {
        return appended.sum();
    }

    public AppendResponse recordGame(GameId gameId, ExpectedRevision expectedRevision,
                                     List<IncomingEvent<GameEvent>> events) {
        return respond("game", events, commands.sendAndWait(new RecordGameEvents(gameId, expectedRevision, events)));
    }

    public AppendResponse recordStrategy(StrategyId strategyId, ExpectedRevision expectedRevision,
                                         List<IncomingEvent<StrategyEvent>> events) {
        return respond("strategy", events, commands.sendAndWait(new RecordStrategyEvents(strategyId, expectedRevision, events)));
    }

    public AppendResponse recordMetrics(RunId runId, ExpectedRevision expectedRevision,
                                        List<IncomingEvent<LearningEvent>> events) {
        return respond("learning", events, commands.sendAndWait(new RecordMetrics(runId, expectedRevision, events)));
    }

    private AppendResponse respond(String category, List<? extends IncomingEvent<?>> events, Recorded recorded) {
        AppendOutcome outcome = recorded.outcome();
        metrics.accepted(category, events, outcome);
        if (outcome.appended() > 0) {
            appended.add(outcome.appended());
            stream.appended();
        }
        // Without a position nothing was appended (a retry of recorded events): the stream's last event is
        // an earlier one, and only the store knows its position.
        long position = recorded.position()
                .orElseGet(() -> positionOf(outcome.stream(), outcome.streamRevision()));
        background.appended(position);
        return new AppendResponse(outcome.stream(), outcome.firstRevision(), outcome.lastRevision(), position,
                outcome.appended(), outcome.duplicates(), outcome.duplicateIndexes());
    }

    private long positionOf(String stream, long revision) {
        StreamRead read = store.readStream(stream, revision, 1, Direction.FORWARDS);
        if (read instanceof StreamRead.Found found && !found.events().isEmpty()) {
            return found.events().get(0).position();
        }
        throw new IllegalStateException("revision " + revision + " of " + stream + " was acknowledged but is not readable");
    }

    /** The stream's last revision, or -1 when it does not exist. */
    public long lastRevision(String stream) {
        return store.lastRevision(stream).orElse(-1L);
    }
}
