package dev.ante.bench.readmodels;

import dev.ante.domain.catalog.EventCatalog;
import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.GameStarted;
import dev.ante.simulator.Envelope;
import dev.ante.simulator.Simulation;
import dev.ante.simulator.SimulationConfig;
import dev.ante.simulator.StreamBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * The simulator's batches as the Axon domain event messages a streaming processor would hand to its
 * handlers: aggregate id = stream name, sequence number = the event's revision in its stream, timestamp =
 * occurredAt. Revisions are counted per stream as the batches arrive, exactly as the store assigns them.
 */
public final class SimulatedEvents {

    private final Iterator<StreamBatch> batches;
    private final Map<String, Long> nextRevision = new HashMap<>();
    private long games;
    private long completed;
    private long events;

    public SimulatedEvents(SimulationConfig config) {
        this.batches = Simulation.of(config).iterator();
    }

    /** The next batch's events as messages, or null when the simulation is over. */
    public List<DomainEventMessage<?>> nextBatch() {
        if (!batches.hasNext()) {
            return null;
        }
        StreamBatch batch = batches.next();
        String stream = batch.stream().streamName();
        long revision = nextRevision.getOrDefault(stream, 0L);
        List<DomainEventMessage<?>> out = new ArrayList<>(batch.events().size());
        for (Envelope e : batch.events()) {
            out.add(new GenericDomainEventMessage<>(EventCatalog.nameOf(e.data().getClass()), stream, revision++,
                    e.data(), MetaData.emptyInstance(), e.eventId().toString(), e.occurredAt()));
            if (e.data() instanceof GameStarted) {
                games++;
            } else if (e.data() instanceof GameCompleted) {
                completed++;
            }
        }
        if (batch.completion() != null) {
            nextRevision.remove(stream);
        } else {
            nextRevision.put(stream, revision);
        }
        events += out.size();
        return out;
    }

    public long games() {
        return games;
    }

    public long completed() {
        return completed;
    }

    public long events() {
        return events;
    }
}
