package dev.ante.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Events appended below Axon reach a tracking stream only when the store is told of them: at once after a quiet
 * interval, and at the interval's end, together, when they follow a wake within it. The store's own polling is
 * set to a minute, so only the wakes deliver here; the intervals are seconds long so that a slow machine cannot
 * blur them.
 */
class AppendNotifyingEventStoreTest {

    private static final long FAR = TimeUnit.MINUTES.toMillis(1);

    /**
     * Axon's in-memory engine answers a read with a live view, which would show events appended after the read
     * began; a stored log answers with what it held when asked, as this one does.
     */
    private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine() {
        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken token, boolean mayBlock) {
            return super.readEvents(token, mayBlock).toList().stream();
        }
    };
    private AppendNotifyingEventStore store;
    private int appended;

    @AfterEach
    void shutDown() {
        if (store != null) {
            store.shutDown();
        }
    }

    @Test
    void givenAQuietInterval_whenAnEventIsAppended_thenTheReaderReadsItAtOnce() throws Exception {
        store = store(Duration.ofMinutes(5));
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
            append();

            assertNextIs(stream, "event 0");
        }
    }

    @Test
    void givenAWakeWithinTheInterval_whenMoreEventsAreAppended_thenTheyAreReadTogetherAtItsEnd() throws Exception {
        store = store(Duration.ofSeconds(5));
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
            append();
            assertNextIs(stream, "event 0");
            // The stream has read what was there; from now on it follows the store's reader, which finds nothing
            // more and waits: only a wake brings it back.
            assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
            Thread.sleep(300);

            append();
            append();

            assertThat(stream.hasNextAvailable(500, TimeUnit.MILLISECONDS)).as("read before the interval ended").isFalse();
            assertThat(stream.hasNextAvailable(30, TimeUnit.SECONDS)).isTrue();
            // One read finds both, but the store hands them to the stream one after the other: the second may
            // follow a moment later, and far sooner than another wake, which would come a whole interval later.
            List<Object> read = new ArrayList<>();
            while (read.size() < 2 && stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                read.add(stream.nextAvailable().getPayload());
            }
            assertThat(read).containsExactly("event 1", "event 2");
        }
    }

    @Test
    void givenNoInterval_whenEventsAreAppendedOneAfterAnother_thenEachIsReadAtOnce() throws Exception {
        store = store(Duration.ZERO);
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
            for (int i = 0; i < 3; i++) {
                assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
                append();
                assertNextIs(stream, "event " + i);
                Thread.sleep(100);
            }
        }
    }

    @Test
    void givenANegativeInterval_whenBuilt_thenRefused() {
        assertThatThrownBy(() -> store(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    private AppendNotifyingEventStore store(Duration minInterval) {
        return new AppendNotifyingEventStore(EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(FAR),
                minInterval);
    }

    /** The stream has an event within the wait (no store poll comes in it) and it is {@code payload}. */
    private static void assertNextIs(BlockingStream<TrackedEventMessage<?>> stream, String payload)
            throws InterruptedException {
        assertThat(stream.hasNextAvailable(30, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo(payload);
    }

    /** Appends to the storage engine below Axon, as the write path does, then tells the store. */
    private void append() {
        engine.appendEvents(GenericEventMessage.asEventMessage("event " + appended++));
        store.appended();
    }
}
