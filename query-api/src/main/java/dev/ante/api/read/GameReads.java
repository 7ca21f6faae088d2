package dev.ante.api.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ante.api.error.NotFoundException;
import dev.ante.api.ingest.InvalidRequestException;
import dev.ante.domain.GameId;
import dev.ante.domain.Violation;
import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.GameState;
import dev.ante.domain.game.GameStateView;
import dev.ante.infra.codec.EventCodec;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StreamRead;
import dev.ante.infra.store.StreamStore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Reads a game's raw events and folds its state straight from the event store. */
@Service
public class GameReads {

    /** Page size when folding a whole stream. */
    private static final int FOLD_PAGE = 4096;

    private final StreamStore store;
    private final EventCodec codec;

    public GameReads(StreamStore store, EventCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    /** One raw event as stored, with its place in the stream and the log. */
    public record EventView(UUID eventId, String type, long revision, long position, Instant occurredAt,
                            Instant recordedAt, JsonNode data) {
    }

    /** A page of a stream; {@code nextRevision} is where the next page starts, null at the end. */
    public record EventsPage(String gameId, String stream, long lastRevision, List<EventView> items,
                             Long nextRevision) {
    }

    public EventsPage events(GameId gameId, long fromRevision, int limit) {
        StreamRead.Found found = found(gameId, store.readStream(gameId.streamName(), fromRevision, limit, Direction.FORWARDS));
        List<EventView> items = found.events().stream().map(this::view).toList();
        Long next = items.isEmpty() || items.get(items.size() - 1).revision() >= found.lastRevision()
                ? null : items.get(items.size() - 1).revision() + 1;
        return new EventsPage(gameId.value(), gameId.streamName(), found.lastRevision(), items, next);
    }

    public GameStateView state(GameId gameId, Long atRevision) {
        String stream = gameId.streamName();
        long last = store.lastRevision(stream).orElseThrow(() -> notFound(gameId));
        long until = atRevision == null ? last : atRevision;
        if (until > last) {
            throw new InvalidRequestException("Invalid parameter", new Violation(null, "atRevision",
                    "revision " + until + " is beyond the end of " + stream + ", whose last revision is " + last));
        }
        GameState state = GameState.initial();
        long next = 0;
        while (next <= until) {
            int page = (int) Math.min(FOLD_PAGE, until - next + 1);
            StreamRead.Found found = found(gameId, store.readStream(stream, next, page, Direction.FORWARDS));
            if (found.events().isEmpty()) {
                break;
            }
            for (RecordedEvent event : found.events()) {
                state = state.evolve((GameEvent) codec.decode(event).data());
            }
            next = found.events().get(found.events().size() - 1).revision() + 1;
        }
        return GameStateView.of(gameId, state);
    }

    private EventView view(RecordedEvent event) {
        return new EventView(event.eventId(), event.type(), event.revision(), event.position(), codec.occurredAt(event),
                event.recordedAt(), codec.dataTree(event));
    }

    private static StreamRead.Found found(GameId gameId, StreamRead read) {
        if (read instanceof StreamRead.Found found) {
            return found;
        }
        throw notFound(gameId);
    }

    private static NotFoundException notFound(GameId gameId) {
        return new NotFoundException("game " + gameId.value() + " not found");
    }
}
