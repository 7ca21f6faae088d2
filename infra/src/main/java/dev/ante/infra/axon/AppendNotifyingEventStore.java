package dev.ante.infra.axon;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, told when events were appended to the store below it. The write path
 * appends straight to the stream store rather than publishing through Axon; the event processors still read
 * the log through this store, whose reader waits for news before it looks again, so each append tells it.
 */
public class AppendNotifyingEventStore extends EmbeddedEventStore {

    public AppendNotifyingEventStore(Builder builder) {
        super(builder);
    }

    /** Wakes the processors' reader: the store holds events it has not read yet. */
    public void appended() {
        afterCommit(List.of());
    }
}
