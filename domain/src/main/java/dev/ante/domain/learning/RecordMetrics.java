package dev.ante.domain.learning;

import dev.ante.domain.IncomingEvent;
import dev.ante.domain.RunId;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a batch of metrics on one learning run's stream, all or nothing.
 *
 * @param expectedRevision null: any; -1: the run must not exist yet; otherwise its last revision
 */
public record RecordMetrics(RunId runId, Long expectedRevision, List<IncomingEvent<LearningEvent>> events) {

    public RecordMetrics {
        Objects.requireNonNull(runId, "runId");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one event");
        }
    }

    @TargetAggregateIdentifier
    public String stream() {
        return runId.streamName();
    }
}
