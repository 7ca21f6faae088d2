package dev.ante.api.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.RunId;
import dev.ante.domain.StrategyId;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StreamRead;
import dev.ante.infra.store.StreamStore;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent and strategy each event belongs to, for the stream's {@code agentId} and {@code strategyId}
 * filters. A game's come from its {@code GameStarted} (revision 0), a strategy's agent from its
 * {@code StrategyRegistered}; both are read once per stream and kept in a bounded cache. A learning
 * metric names its own strategy, and no agent.
 */
final class StreamTags {

    /** Who an event belongs to; either may be null. */
    record Tags(String agentId, String strategyId) {
        static final Tags NONE = new Tags(null, null);
    }

    /** The tags of one event, resolved only when a filter asks. */
    interface Resolver {
        Tags tags();
    }

    private final StreamStore store;
    private final ObjectMapper mapper;
    private final Map<String, Tags> byStream;

    StreamTags(StreamStore store, ObjectMapper mapper, int capacity) {
        this.store = store;
        this.mapper = mapper;
        this.byStream = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Tags> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A resolver for {@code event} that reads at most once, however many filters ask. */
    Resolver resolver(RecordedEvent event) {
        return new Resolver() {
            private Tags tags;

            @Override
            public Tags tags() {
                if (tags == null) {
                    tags = of(event);
                }
                return tags;
            }
        };
    }

    Tags of(RecordedEvent event) {
        String stream = event.stream();
        if (stream.startsWith(RunId.STREAM_PREFIX)) {
            return new Tags(null, text(read(event.data()), "strategyId"));
        }
        synchronized (byStream) {
            Tags known = byStream.get(stream);
            if (known != null) {
                return known;
            }
        }
        Tags found = event.revision() == 0 ? fromFirst(event) : fromFirst(first(stream));
        synchronized (byStream) {
            byStream.put(stream, found);
        }
        return found;
    }

    private RecordedEvent first(String stream) {
        StreamRead read = store.readStream(stream, 0, 1, Direction.FORWARDS);
        if (read instanceof StreamRead.Found found && !found.events().isEmpty()) {
            return found.events().get(0);
        }
        return null;
    }

    private Tags fromFirst(RecordedEvent first) {
        if (first == null) {
            return Tags.NONE;
        }
        JsonNode data = read(first.data());
        if (first.stream().startsWith(StrategyId.STREAM_PREFIX)) {
            return new Tags(text(data, "agentId"), first.stream().substring(StrategyId.STREAM_PREFIX.length()));
        }
        return new Tags(text(data, "agentId"), text(data, "strategyId"));
    }

    private JsonNode read(byte[] json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            // Stored data is always JSON; an unreadable one belongs to no agent or strategy.
            return null;
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data == null ? null : data.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
