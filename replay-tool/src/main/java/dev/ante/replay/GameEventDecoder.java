package dev.ante.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ante.domain.catalog.EventCatalog;
import dev.ante.domain.game.GameEvent;
import dev.ante.infra.codec.EventCodec;
import dev.ante.infra.store.RecordedEvent;
import java.io.IOException;

/**
 * Decodes the stored events of game streams into the game catalog with the platform's own
 * {@link EventCodec} settings, and says precisely why when one does not decode.
 */
public final class GameEventDecoder {

    private final EventCodec codec;

    public GameEventDecoder(EventCodec codec) {
        this.codec = codec;
    }

    /** The codec behind the decoder. */
    public EventCodec codec() {
        return codec;
    }

    /**
     * The game event stored as {@code event}.
     *
     * @throws UndecodableEventException when the stored type is not a game event or its data does not fit it
     */
    public GameEvent decode(RecordedEvent event) {
        Class<?> type = EventCatalog.GAME.typeNamed(event.type()).orElse(null);
        if (type == null) {
            String reason = EventCatalog.classOf(event.type()).isPresent()
                    ? "type '" + event.type() + "' is not a game event"
                    : "type '" + event.type() + "' is not in the event catalog";
            throw new UndecodableEventException(event, reason, null);
        }
        // The codec's mapper and the catalog's class, as EventCodec.decode uses them, but without the rest of
        // decode(): it also parses every event's metadata for occurredAt, which a fold never reads and which
        // doubles the time to decode a long game.
        try {
            // The game catalog holds only GameEvent records, so the cast cannot fail.
            return (GameEvent) codec.mapper().readValue(event.data(), type);
        } catch (JsonProcessingException e) {
            throw new UndecodableEventException(event,
                    "its data does not decode as " + event.type() + ": " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException | RuntimeException e) {
            throw new UndecodableEventException(event,
                    "its data does not decode as " + event.type() + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no details";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
