package dev.ante.bench.inprocess;

import dev.ante.simulator.Envelope;
import dev.ante.simulator.StreamRef;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * Turns simulated envelopes into the messages the platform's aggregates apply: aggregate identifier = stream
 * name, sequence number = revision, and the metadata the platform stores (the agent's event id and time,
 * and Axon's trace and correlation ids of the recording command).
 */
public final class Messages {

    private Messages() {
    }

    public static List<DomainEventMessage<?>> of(String stream, StreamRef.Kind kind, long firstSequence,
                                                 List<Envelope> events, UUID command) {
        String aggregateType = switch (kind) {
            case GAME -> "Game";
            case STRATEGY -> "Strategy";
            case LEARNING -> "LearningRun";
        };
        List<DomainEventMessage<?>> messages = new ArrayList<>(events.size());
        long sequence = firstSequence;
        for (Envelope e : events) {
            MetaData metaData = MetaData.with("eventId", e.eventId().toString())
                    .and("occurredAt", e.occurredAt().toString())
                    .and("traceId", command.toString())
                    .and("correlationId", command.toString());
            messages.add(new GenericDomainEventMessage<>(aggregateType, stream, sequence++, e.data(), metaData,
                    e.eventId().toString(), e.occurredAt()));
        }
        return messages;
    }
}
