package dev.ante.api;

import static dev.ante.api.Games.blind;
import static dev.ante.api.Games.data;
import static dev.ante.api.Games.envelope;
import static dev.ante.api.Games.hand;
import static dev.ante.api.Games.started;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ante.api.ingest.Recorder;
import dev.ante.domain.game.Game;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.RecordedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A long game is snapshotted as it is recorded, and once its state has left memory it loads from the last
 * snapshot and the events after it, deciding exactly as the state that saw every event did.
 */
class SnapshotIT extends ApiTestBase {

    private static final int EVENTS = 10_000;
    private static final int BATCH = 1_000;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private Recorder recorder;

    @Autowired
    private MeterRegistry meters;

    @Test
    void givenATenThousandEventGame_whenItsAggregateLeavesTheCache_thenItLoadsFromItsSnapshot() {
        String gameId = "snap-" + UUID.randomUUID();
        String stream = "game-" + gameId;
        Instant at = Instant.parse("2026-11-23T10:15:30.123456Z");
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(started());
        events.add(blind(2, "SMALL"));
        while (events.size() < EVENTS) {
            Map<String, Object> hand = hand(2, events.size(), 100L + events.size(), List.of("Joker"));
            events.add(envelope(UUID.randomUUID(), "HandPlayed", at, (Map<String, Object>) hand.get("data")));
        }
        for (int from = 0; from < EVENTS; from += BATCH) {
            Http.Response response = http.postJson("/api/v1/games/" + gameId + "/events?expectedRevision=" + (from - 1),
                    AGENT, events.subList(from, from + BATCH));
            assertThat(response.status()).as(response.text()).isEqualTo(200);
        }

        // Snapshots are taken after the answer, on their own thread: the last one covers at least 9,000 events.
        await().atMost(Duration.ofSeconds(60)).until(() -> store.readSnapshot(stream)
                .map(RecordedEvent::revision).orElse(-1L) >= EVENTS - BATCH - 1);

        // What Axon's event store reads for the game: the snapshot, then only the events after it.
        DomainEventStream read = eventStore.readEvents(stream);
        DomainEventMessage<?> first = read.next();
        assertThat(first.getPayload()).isInstanceOf(Game.class);
        long rest = 0;
        while (read.hasNext()) {
            read.next();
            rest++;
        }
        assertThat(first.getSequenceNumber() + 1 + rest).isEqualTo(EVENTS);
        assertThat(rest).isLessThan(BATCH + 1);

        // Out of memory, the next batch loads the game from that snapshot and decides as before.
        double fromSnapshot = loads("snapshot");
        recorder.forgetAll();
        Map<String, Object> early = events.get(5);
        Http.Response retry = http.postJson("/api/v1/games/" + gameId + "/events", AGENT, List.of(early));
        assertThat(retry.status()).as(retry.text()).isEqualTo(200);
        assertThat(retry.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(retry.json().get("position").asLong()).isPositive();
        assertThat(loads("snapshot")).isEqualTo(fromSnapshot + 1);

        recorder.forgetAll();
        Map<String, Object> reused = envelope(UUID.fromString((String) early.get("eventId")), "HandPlayed", at,
                data("ante", 2, "blindType", "SMALL", "handNumber", 5, "cards", List.of("KH"), "handType", "High Card",
                        "jokers", List.of(), "baseChips", 5, "baseMult", 1.0, "finalChips", 5, "finalMult", 1.0,
                        "finalScore", 5));
        Http.Response conflict = http.postJson("/api/v1/games/" + gameId + "/events", AGENT, List.of(reused));
        assertThat(conflict.status()).as(conflict.text()).isEqualTo(409);
        assertThat(conflict.json().get("recordedRevision").asLong()).isEqualTo(5);

        recorder.forgetAll();
        Http.Response lowerAnte = http.postJson("/api/v1/games/" + gameId + "/events", AGENT,
                List.of(blind(1, "SMALL")));
        assertThat(lowerAnte.status()).as(lowerAnte.text()).isEqualTo(400);

        recorder.forgetAll();
        Http.Response next = http.postJson("/api/v1/games/" + gameId + "/events?expectedRevision=" + (EVENTS - 1),
                AGENT, List.of(hand(2, EVENTS, 7, List.of())));
        assertThat(next.status()).as(next.text()).isEqualTo(200);
        assertThat(next.json().get("firstRevision").asLong()).isEqualTo(EVENTS);
    }

    @Test
    void givenASnapshotThatNoLongerReads_whenTheGameLoads_thenItIsFoldedFromItsEvents() {
        String gameId = "snap-bad-" + UUID.randomUUID();
        String stream = "game-" + gameId;
        Map<String, Object> start = started();
        assertThat(http.postJson("/api/v1/games/" + gameId + "/events", AGENT, List.of(start, blind(2, "SMALL")))
                .status()).isEqualTo(200);
        byte[] olderFormat = ("{\"stream\":\"" + stream + "\",\"fieldOfAnOlderVersion\":1}").getBytes(UTF_8);
        store.storeSnapshot(stream, 1, new NewEvent(UUID.randomUUID(), Game.class.getName(), olderFormat, new byte[0]));
        assertThat(store.readSnapshot(stream)).map(RecordedEvent::revision).isEqualTo(Optional.of(1L));

        double fromEvents = loads("events");
        recorder.forgetAll();
        Http.Response retry = http.postJson("/api/v1/games/" + gameId + "/events", AGENT, List.of(start));
        assertThat(retry.status()).as(retry.text()).isEqualTo(200);
        assertThat(retry.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(loads("events")).isEqualTo(fromEvents + 1);
        Http.Response lowerAnte = http.postJson("/api/v1/games/" + gameId + "/events?expectedRevision=1", AGENT,
                List.of(blind(1, "SMALL")));
        assertThat(lowerAnte.status()).as(lowerAnte.text()).isEqualTo(400);
    }

    private double loads(String from) {
        return meters.get("ante_write_stream_loads").tag("from", from).counter().count();
    }
}
