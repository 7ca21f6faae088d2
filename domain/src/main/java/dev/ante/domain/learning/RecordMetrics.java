package dev.ante.domain.learning;

import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.RecordEvents;
import dev.ante.domain.RunId;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a batch of metrics on one learning run's stream, all or nothing.
 *
 * @param expectedRevision what the stream must be before the batch: {@link ExpectedRevision#any()} for no check,
 *                         {@link ExpectedRevision#noStream()} when the run must not exist yet
 */
public record RecordMetrics(RunId runId, ExpectedRevision expectedRevision, List<IncomingEvent<LearningEvent>> events)
        implements RecordEvents<LearningEvent> {

    public RecordMetrics {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(expectedRevision, "expectedRevision");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one event");
        }
    }

    @Override
    @TargetAggregateIdentifier
    public String stream() {
        return runId.streamName();
    }
}
