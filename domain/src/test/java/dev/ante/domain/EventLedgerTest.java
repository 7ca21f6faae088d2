package dev.ante.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventLedgerTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123456Z");

    private final EventLedger ledger = new EventLedger();

    @Test
    void givenARecordedEvent_whenTheSameEventArrivesAgain_thenItIsADuplicate() {
        UUID id = UUID.randomUUID();
        ledger.record(id, 0, AT, Map.of("ante", 1));

        assertThat(ledger.isDuplicate(3, new IncomingEvent<>(id, AT, Map.of("ante", 1)))).isTrue();
        assertThat(ledger.isDuplicate(3, new IncomingEvent<>(UUID.randomUUID(), AT, Map.of("ante", 1)))).isFalse();
    }

    @Test
    void givenARecordedId_whenItArrivesWithOtherDataOrAnotherTime_thenItIsAConflictNamingItsRevision() {
        UUID id = UUID.randomUUID();
        ledger.record(UUID.randomUUID(), 0, AT, "first");
        ledger.record(id, 1, AT, Map.of("ante", 1));

        assertThatThrownBy(() -> ledger.isDuplicate(2, new IncomingEvent<>(id, AT, Map.of("ante", 2))))
                .isInstanceOfSatisfying(EventIdConflictException.class, e -> {
                    assertThat(e.index()).isEqualTo(2);
                    assertThat(e.eventId()).isEqualTo(id);
                    assertThat(e.recordedRevision()).isEqualTo(1);
                });
        assertThatThrownBy(() -> ledger.isDuplicate(0, new IncomingEvent<>(id, AT.plusNanos(1_000), Map.of("ante", 1))))
                .isInstanceOf(EventIdConflictException.class);
    }

    @Test
    void givenTimeAndDataThatCouldRunTogether_whenDigested_thenThePairIsWhatCounts() {
        // The time's and the data's encodings each end where they say: moving a value from one to the
        // other cannot give the same digest.
        assertThat(ContentDigest.ofEvent(AT, List.of("x")))
                .isNotEqualTo(ContentDigest.ofEvent(AT, List.of("x", "y")))
                .isNotEqualTo(ContentDigest.ofEvent(AT.plusSeconds(1), List.of("x")))
                .isEqualTo(ContentDigest.ofEvent(Instant.parse("2026-11-23T10:15:30.123456Z"), List.of("x")));
    }

    @Test
    void givenTensOfThousandsOfEvents_whenEachIsAskedAgain_thenEveryOneIsFoundThroughEveryGrowth() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            ledger.record(id, i, AT, i);
        }

        assertThat(ledger.size()).isEqualTo(20_000);
        for (int i = 0; i < ids.size(); i++) {
            int revision = i;
            assertThat(ledger.isDuplicate(i, new IncomingEvent<>(ids.get(i), AT, i))).isTrue();
            assertThatThrownBy(() -> ledger.isDuplicate(0, new IncomingEvent<>(ids.get(revision), AT, -1)))
                    .isInstanceOfSatisfying(EventIdConflictException.class,
                            e -> assertThat(e.recordedRevision()).isEqualTo(revision));
        }
        for (int i = 0; i < 1_000; i++) {
            assertThat(ledger.isDuplicate(0, new IncomingEvent<>(UUID.randomUUID(), AT, 0))).isFalse();
        }
    }

    @Test
    void givenIdsThatDifferInOneHalfOnly_whenRecorded_thenEachIsItsOwnEntry() {
        // Sequential ids (one half fixed) are what a careless client sends.
        for (long i = 0; i < 5_000; i++) {
            ledger.record(new UUID(42, i), i, AT, "e");
            ledger.record(new UUID(100_000 + i, 42), 5_000 + i, AT, "e");
        }

        assertThat(ledger.size()).isEqualTo(10_000);
        assertThat(ledger.isDuplicate(0, new IncomingEvent<>(new UUID(42, 4_999), AT, "e"))).isTrue();
        assertThat(ledger.isDuplicate(0, new IncomingEvent<>(new UUID(104_999, 42), AT, "e"))).isTrue();
        assertThat(ledger.isDuplicate(0, new IncomingEvent<>(new UUID(42, 5_000), AT, "e"))).isFalse();
    }

    @Test
    void givenAnIdRecordedTwice_whenAsked_thenTheLaterRecordingCountsOnce() {
        UUID id = UUID.randomUUID();
        ledger.record(id, 0, AT, "old");
        ledger.record(id, 7, AT, "new");

        assertThat(ledger.size()).isEqualTo(1);
        assertThat(ledger.isDuplicate(0, new IncomingEvent<>(id, AT, "new"))).isTrue();
        assertThatThrownBy(() -> ledger.isDuplicate(0, new IncomingEvent<>(id, AT, "old")))
                .isInstanceOfSatisfying(EventIdConflictException.class,
                        e -> assertThat(e.recordedRevision()).isEqualTo(7));
    }

    @Test
    void givenALedgerWrittenAndReadAsItsFields_whenAsked_thenItAnswersAsTheOriginal() throws Exception {
        // Snapshots hold a stream's state as its fields; the ledger's index is not among them and is rebuilt.
        ObjectMapper fields = JsonMapper.builder()
                .visibility(PropertyAccessor.ALL, Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, Visibility.ANY)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            ledger.record(id, i, AT, "event " + i);
        }

        String json = fields.writeValueAsString(ledger);
        EventLedger read = fields.readValue(json, EventLedger.class);

        assertThat(json).doesNotContain("slots");
        assertThat(read.size()).isEqualTo(300);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(read.isDuplicate(i, new IncomingEvent<>(ids.get(i), AT, "event " + i))).isTrue();
        }
        read.record(UUID.randomUUID(), 300, AT, "more");
        assertThat(read.size()).isEqualTo(301);
        assertThat(read.isDuplicate(0, new IncomingEvent<>(ids.get(0), AT, "event 0"))).isTrue();
    }
}
