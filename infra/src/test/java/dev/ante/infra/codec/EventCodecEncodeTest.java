package dev.ante.infra.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.game.BlindType;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.learning.MetricRecorded;
import dev.ante.infra.axon.PayloadTypeNames;
import dev.ante.infra.axon.StreamStoreEventStorageEngine;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StreamRead;
import dev.ante.infra.store.sqlite.Durability;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write path stores an event exactly as Axon's storage engine stored it when the aggregate applied it:
 * the same type name, data and metadata, byte for byte, so that old and new events read alike.
 */
class EventCodecEncodeTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123456Z");

    @TempDir
    Path dir;

    private final EventCodec codec = new EventCodec();

    private final List<Object> events = List.of(
            new GameStarted("agent-1", "strat-1", null, "SEED", "Red Deck", "White", 4),
            new HandPlayed(1, BlindType.SMALL, 1, List.of("AH", "KH"), "Pair", List.of("Joker", "Blueprint"), 10,
                    2.0, null, 30, 4.5, 135, 4, null, null),
            new MetricRecorded(7, "loss", 0.125, null));

    @Test
    void givenCatalogEvents_whenEncoded_thenTheStoreHoldsWhatTheAxonEngineWroteForThem() throws Exception {
        List<RecordedEvent> viaAxon = new ArrayList<>();
        try (SqliteStreamStore store = SqliteStreamStore.open(dir.resolve("axon"), Durability.PROCESS_CRASH)) {
            StreamStoreEventStorageEngine engine = StreamStoreEventStorageEngine.builder()
                    .streamStore(store)
                    .eventSerializer(JacksonSerializer.builder().objectMapper(codec.mapper()).build())
                    .payloadTypeNames(PayloadTypeNames.of(Map.of("GameStarted", GameStarted.class,
                            "HandPlayed", HandPlayed.class, "MetricRecorded", MetricRecorded.class)))
                    .build();
            EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
            List<DomainEventMessage<?>> messages = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                messages.add(new GenericDomainEventMessage<>("Any", "s-1", i, events.get(i),
                        MetaData.with(IncomingEvent.EVENT_ID, id(i).toString())
                                .and(IncomingEvent.OCCURRED_AT, AT.plusMillis(i).toString())));
            }
            eventStore.publish(messages);
            eventStore.shutDown();
            viaAxon.addAll(read(store));
        }
        List<RecordedEvent> encoded;
        try (SqliteStreamStore store = SqliteStreamStore.open(dir.resolve("codec"), Durability.PROCESS_CRASH)) {
            List<dev.ante.infra.store.NewEvent> newEvents = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                newEvents.add(codec.encode(id(i), AT.plusMillis(i), events.get(i)));
            }
            store.append("s-1", ExpectedRevision.noStream(), newEvents);
            encoded = read(store);
        }

        assertThat(encoded).hasSize(events.size());
        for (int i = 0; i < events.size(); i++) {
            RecordedEvent a = viaAxon.get(i);
            RecordedEvent b = encoded.get(i);
            assertThat(b.eventId()).isEqualTo(a.eventId());
            assertThat(b.type()).isEqualTo(a.type());
            assertThat(new String(b.data())).isEqualTo(new String(a.data()));
            assertThat(new String(b.metadata())).isEqualTo(new String(a.metadata()));
            assertThat(codec.decode(b).data()).isEqualTo(events.get(i));
            assertThat(codec.agentTime(b)).contains(AT.plusMillis(i));
        }
    }

    private static UUID id(int i) {
        return UUID.nameUUIDFromBytes(new byte[] {(byte) i});
    }

    private static List<RecordedEvent> read(SqliteStreamStore store) {
        StreamRead read = store.readStream("s-1", 0, 100, Direction.FORWARDS);
        return ((StreamRead.Found) read).events();
    }

    @Test
    void givenInstantsOfEveryKind_whenWrittenAsMetadata_thenTheTextIsTheJdksOwn() {
        Random random = new Random(42);
        List<Instant> instants = new ArrayList<>(List.of(AT, Instant.EPOCH,
                Instant.parse("1969-12-31T23:59:59.999999999Z"), Instant.parse("2026-11-23T10:15:30Z"),
                Instant.parse("2026-11-23T10:15:30.100Z"), Instant.parse("2026-11-23T10:15:30.000100Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59.5Z"), Instant.MIN, Instant.MAX));
        for (int i = 0; i < 2_000; i++) {
            long second = random.nextLong(-80_000_000_000L, 300_000_000_000L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(second, nano));
        }
        for (Instant instant : instants) {
            String metadata = new String(EventCodec.occurredAtMetadata(instant), StandardCharsets.US_ASCII);
            assertThat(metadata).as(instant.toString())
                    .isEqualTo("{\"" + IncomingEvent.OCCURRED_AT + "\":\"" + instant + "\"}");
        }
    }
}
