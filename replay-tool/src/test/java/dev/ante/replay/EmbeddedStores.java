package dev.ante.replay;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.GameId;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.catalog.EventCatalog;
import dev.ante.infra.codec.EventCodec;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.StreamStore;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes events into an embedded store the way the platform's storage engine does: the record's own JSON
 * (Jackson, the codec's settings) as data, the catalog's simple name as type, and metadata carrying the
 * agent's event id and occurredAt.
 */
public final class EmbeddedStores {

    private static final ObjectMapper MAPPER = EventCodec.defaultMapper();
    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123456Z");

    private EmbeddedStores() {
    }

    /** Appends a game's events in batches of {@code batch}, expecting each batch's exact revision. */
    public static void append(StreamStore store, GameId game, List<?> events, int batch) {
        append(store, game, 0, events, batch);
    }

    /** Appends events that start at revision {@code firstRevision} of the game's stream. */
    public static void append(StreamStore store, GameId game, long firstRevision, List<?> events, int batch) {
        append(store, game, firstRevision, events, batch, T0);
    }

    /** Appends events whose revision r occurred at {@code start} plus r milliseconds. */
    public static void append(StreamStore store, GameId game, long firstRevision, List<?> events, int batch,
                              Instant start) {
        for (int from = 0; from < events.size(); from += batch) {
            List<NewEvent> page = new ArrayList<>();
            for (int i = from; i < Math.min(events.size(), from + batch); i++) {
                Object event = events.get(i);
                page.add(newEvent(EventCatalog.nameOf(event.getClass()), json(event), firstRevision + i, start));
            }
            store.append(game.streamName(), ExpectedRevision.before(firstRevision + from), page);
        }
    }

    /** Appends one event of any type and data, as a broken or foreign writer might. */
    public static void appendRaw(StreamStore store, String stream, String type, String dataJson) {
        store.append(stream, ExpectedRevision.any(), List.of(newEvent(type, dataJson.getBytes(UTF_8), 0, T0)));
    }

    /** The JSON of a catalog record, as stored. */
    public static String dataJson(Object event) {
        return new String(json(event), UTF_8);
    }

    private static NewEvent newEvent(String type, byte[] data, long revision, Instant start) {
        UUID id = UUID.randomUUID();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(IncomingEvent.EVENT_ID, id.toString());
        metadata.put(IncomingEvent.OCCURRED_AT, start.plus(revision, ChronoUnit.MILLIS).toString());
        return new NewEvent(id, type, data, json(metadata));
    }

    private static byte[] json(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
