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
    void givenARecordedId_whenAsked_thenItsRevision_andMinusOneForAnyOther() {
        UUID id = UUID.randomUUID();
        ledger.record(id, 4);

        assertThat(ledger.revisionOf(id)).isEqualTo(4);
        assertThat(ledger.revisionOf(UUID.randomUUID())).isEqualTo(-1);
        assertThat(new EventLedger().revisionOf(id)).isEqualTo(-1);
    }

    @Test
    void givenTensOfThousandsOfEvents_whenEachIsAskedAgain_thenEveryOneIsFoundThroughEveryGrowth() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            ledger.record(id, i);
        }

        assertThat(ledger.size()).isEqualTo(20_000);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(ledger.revisionOf(ids.get(i))).isEqualTo(i);
        }
        for (int i = 0; i < 1_000; i++) {
            assertThat(ledger.revisionOf(UUID.randomUUID())).isEqualTo(-1);
        }
    }

    @Test
    void givenIdsThatDifferInOneHalfOnly_whenRecorded_thenEachIsItsOwnEntry() {
        // Sequential ids (one half fixed) are what a careless client sends.
        for (long i = 0; i < 5_000; i++) {
            ledger.record(new UUID(42, i), i);
            ledger.record(new UUID(100_000 + i, 42), 5_000 + i);
        }

        assertThat(ledger.size()).isEqualTo(10_000);
        assertThat(ledger.revisionOf(new UUID(42, 4_999))).isEqualTo(4_999);
        assertThat(ledger.revisionOf(new UUID(104_999, 42))).isEqualTo(9_999);
        assertThat(ledger.revisionOf(new UUID(42, 5_000))).isEqualTo(-1);
    }

    @Test
    void givenAnIdRecordedTwice_whenAsked_thenTheLaterRevisionCountsOnce() {
        UUID id = UUID.randomUUID();
        ledger.record(id, 0);
        ledger.record(id, 7);

        assertThat(ledger.size()).isEqualTo(1);
        assertThat(ledger.revisionOf(id)).isEqualTo(7);
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
            ledger.record(id, i);
        }

        String json = fields.writeValueAsString(ledger);
        EventLedger read = fields.readValue(json, EventLedger.class);

        assertThat(json).doesNotContain("slots");
        assertThat(read.size()).isEqualTo(300);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(read.revisionOf(ids.get(i))).isEqualTo(i);
        }
        read.record(UUID.randomUUID(), 300);
        assertThat(read.size()).isEqualTo(301);
        assertThat(read.revisionOf(ids.get(0))).isZero();
        // A ledger as snapshots held it before it kept revisions only (with content digests) does not read.
        assertThatThrownBy(() -> fields.readValue("{\"entries\":[1,2,3,4,5],\"size\":1}", EventLedger.class))
                .isInstanceOf(com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException.class);
    }

    // --- the decision: an id that comes back is compared with what the log holds at its revision ---------------

    @Test
    void givenARecordedEvent_whenTheSameEventArrivesAgain_thenItIsADuplicateAndTheOthersAreFresh() {
        UUID id = UUID.randomUUID();
        ledger.record(id, 0);
        List<RecordedEvents.Recorded> log = List.of(new RecordedEvents.Recorded(id, AT, Map.of("ante", 1)));
        UUID fresh = UUID.randomUUID();

        RecordingBatch<Object> batch = RecordingBatch.partition("game-g", ExpectedRevision.any(), 0, ledger,
                revision -> log.get((int) revision), List.of(new IncomingEvent<>(fresh, AT, Map.of("ante", 2)),
                        new IncomingEvent<>(id, AT, Map.of("ante", 1))));

        assertThat(batch.duplicateIndexes()).containsExactly(1);
        assertThat(batch.fresh()).extracting(IncomingEvent::eventId).containsExactly(fresh);
    }

    @Test
    void givenARecordedId_whenItArrivesWithOtherDataOrAnotherTime_thenAConflictNamingItsIndexAndRevision() {
        UUID id = UUID.randomUUID();
        ledger.record(UUID.randomUUID(), 0);
        ledger.record(id, 1);
        List<RecordedEvents.Recorded> log = List.of(new RecordedEvents.Recorded(null, AT, "first"),
                new RecordedEvents.Recorded(id, AT, Map.of("ante", 1)));
        RecordedEvents recorded = revision -> log.get((int) revision);

        assertThatThrownBy(() -> RecordingBatch.partition("game-g", ExpectedRevision.any(), 1, ledger, recorded,
                List.of(new IncomingEvent<>(UUID.randomUUID(), AT, "x"), new IncomingEvent<>(id, AT, Map.of("ante", 2)))))
                .isInstanceOfSatisfying(EventIdConflictException.class, e -> {
                    assertThat(e.index()).isEqualTo(1);
                    assertThat(e.eventId()).isEqualTo(id);
                    assertThat(e.recordedRevision()).isEqualTo(1);
                });
        assertThatThrownBy(() -> RecordingBatch.partition("game-g", ExpectedRevision.any(), 1, ledger, recorded,
                List.of(new IncomingEvent<>(id, AT.plusNanos(1_000), Map.of("ante", 1)))))
                .isInstanceOf(EventIdConflictException.class);
    }

    @Test
    void givenALogThatHoldsAnotherIdWhereTheLedgerPointsIt_whenTheIdComesBack_thenTheDecisionFailsRatherThanGuess() {
        UUID id = UUID.randomUUID();
        ledger.record(id, 0);

        assertThatThrownBy(() -> RecordingBatch.partition("game-g", ExpectedRevision.any(), 0, ledger,
                revision -> new RecordedEvents.Recorded(UUID.randomUUID(), AT, "e"),
                List.of(new IncomingEvent<>(id, AT, "e"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("game-g");
    }

    @Test
    void givenNoIdComesBack_whenDecided_thenTheLogIsNeverRead() {
        ledger.record(UUID.randomUUID(), 0);

        RecordingBatch<Object> batch = RecordingBatch.partition("game-g", ExpectedRevision.any(), 0, ledger,
                RecordedEvents.NONE, List.of(new IncomingEvent<>(UUID.randomUUID(), AT, "e")));

        assertThat(batch.fresh()).hasSize(1);
    }
}
