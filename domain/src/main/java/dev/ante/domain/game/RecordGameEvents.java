package dev.ante.domain.game;

import dev.ante.domain.GameId;
import dev.ante.domain.IncomingEvent;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a batch of events on one game's stream, all or nothing.
 *
 * @param expectedRevision null: any; -1: the game must not exist yet; otherwise its last revision
 */
public record RecordGameEvents(GameId gameId, Long expectedRevision, List<IncomingEvent<GameEvent>> events) {

    public RecordGameEvents {
        Objects.requireNonNull(gameId, "gameId");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one event");
        }
    }

    @TargetAggregateIdentifier
    public String stream() {
        return gameId.streamName();
    }
}
