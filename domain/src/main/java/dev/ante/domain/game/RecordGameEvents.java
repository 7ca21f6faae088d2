package dev.ante.domain.game;

import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.GameId;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.RecordEvents;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a batch of events on one game's stream, all or nothing.
 *
 * @param expectedRevision what the stream must be before the batch: {@link ExpectedRevision#any()} for no check,
 *                         {@link ExpectedRevision#noStream()} when the game must not exist yet
 */
public record RecordGameEvents(GameId gameId, ExpectedRevision expectedRevision,
                               List<IncomingEvent<GameEvent>> events) implements RecordEvents<GameEvent> {

    public RecordGameEvents {
        Objects.requireNonNull(gameId, "gameId");
        Objects.requireNonNull(expectedRevision, "expectedRevision");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one event");
        }
    }

    @Override
    @TargetAggregateIdentifier
    public String stream() {
        return gameId.streamName();
    }
}
