package dev.ante.simulator;

import dev.ante.domain.game.GameCompleted;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Consecutive events of one stream, in order, sent together: what a sink receives. */
public record StreamBatch(StreamRef stream, List<Envelope> events) {

    public StreamBatch {
        Objects.requireNonNull(stream, "stream");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one event");
        }
    }

    /** When the batch's last event happened; the simulation orders batches of different agents by it. */
    public Instant at() {
        return events.get(events.size() - 1).occurredAt();
    }

    /** The GameCompleted this batch ends its game with, or null. */
    public GameCompleted completion() {
        return events.get(events.size() - 1).data() instanceof GameCompleted completed ? completed : null;
    }
}
