package dev.ante.infra.store.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ante.domain.ExpectedRevision;
import dev.ante.infra.store.AppendResult;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.StoreUnavailableException;
import dev.ante.infra.store.StreamRead;
import dev.ante.infra.store.StreamStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is specific to the SQLite backend: files, reopening, read-only access and failures. */
class SqliteStreamStoreTest {

    @TempDir
    Path dir;

    @Test
    void givenMissingDirectory_whenOpening_thenItAndTheDatabaseAreCreatedInWalMode() throws Exception {
        Path data = dir.resolve("a/b/data");

        try (SqliteStreamStore store = SqliteStreamStore.open(data, Durability.POWER_LOSS)) {
            store.append("game-1", ExpectedRevision.noStream(), List.of(event()));
            assertThat(store.file()).isEqualTo(data.resolve("events.db"));
            assertThat(store.isReadOnly()).isFalse();
        }

        assertThat(data.resolve("events.db")).isRegularFile();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("events.db"));
             Statement st = c.createStatement()) {
            var rs = st.executeQuery("PRAGMA journal_mode");
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void givenClosedStore_whenReopening_thenEventsAndRevisionsContinue() {
        AppendResult first;
        try (SqliteStreamStore store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH)) {
            first = store.append("game-1", ExpectedRevision.noStream(), List.of(event(), event()));
        }

        try (SqliteStreamStore store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH)) {
            AppendResult second = store.append("game-1", ExpectedRevision.exact(1), List.of(event()));
            assertThat(second.firstRevision()).isEqualTo(2);
            assertThat(second.lastPosition()).isGreaterThan(first.lastPosition());
            assertThat(store.headPosition()).isEqualTo(second.lastPosition());
        }
    }

    @Test
    void givenClosedStore_whenOpeningReadOnly_thenEverythingIsReadable() {
        try (SqliteStreamStore store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH)) {
            store.append("game-1", ExpectedRevision.noStream(), List.of(event(), event(), event()));
            store.storeSnapshot("game-1", 2, event());
        }

        try (SqliteStreamStore readOnly = SqliteStreamStore.openReadOnly(dir)) {
            assertThat(readOnly.isReadOnly()).isTrue();
            assertThat(readOnly.readAll(StreamStore.START, 10)).hasSize(3);
            assertThat(readOnly.readStream("game-1", 0, 10, Direction.FORWARDS))
                    .isInstanceOfSatisfying(StreamRead.Found.class, f -> assertThat(f.lastRevision()).isEqualTo(2));
            assertThat(readOnly.readSnapshot("game-1")).isPresent();
            assertThat(readOnly.lastRevision("game-1")).contains(2L);
        }
    }

    @Test
    void givenReadOnlyStore_whenWriting_thenUnsupportedAndNothingChanges() {
        try (SqliteStreamStore store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH)) {
            store.append("game-1", ExpectedRevision.noStream(), List.of(event()));

            try (SqliteStreamStore readOnly = SqliteStreamStore.openReadOnly(dir)) {
                assertThatThrownBy(() -> readOnly.append("game-1", ExpectedRevision.any(), List.of(event())))
                        .isInstanceOf(UnsupportedOperationException.class);
                assertThatThrownBy(() -> readOnly.storeSnapshot("game-1", 0, event()))
                        .isInstanceOf(UnsupportedOperationException.class);
            }
            assertThat(store.lastRevision("game-1")).contains(0L);
        }
    }

    @Test
    void givenNoStore_whenOpeningReadOnly_thenUnavailableAndNothingIsCreated() {
        assertThatThrownBy(() -> SqliteStreamStore.openReadOnly(dir.resolve("nothing-here")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("no event store");
        assertThat(dir.resolve("nothing-here")).doesNotExist();
    }

    @Test
    void givenDatabaseFromANewerVersion_whenOpening_thenUnavailable() throws Exception {
        Files.createDirectories(dir);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
             Statement st = c.createStatement()) {
            st.executeUpdate("PRAGMA user_version = 99");
        }

        assertThatThrownBy(() -> SqliteStreamStore.open(dir, Durability.PROCESS_CRASH))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("schema version 99");
    }

    @Test
    void givenClosedStore_whenUsingIt_thenUnavailable() {
        SqliteStreamStore store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH);
        store.close();

        assertThatThrownBy(() -> store.append("game-1", ExpectedRevision.any(), List.of(event())))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(store::headPosition).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void givenBatchLargerThanOneStatement_whenAppending_thenAllEventsGetDenseRevisions() {
        try (SqliteStreamStore store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH)) {
            List<NewEvent> batch = IntStream.range(0, 1_000).mapToObj(i -> event()).toList();

            AppendResult result = store.append("game-big", ExpectedRevision.noStream(), batch);

            assertThat(result.lastRevision()).isEqualTo(999);
            assertThat(store.readAll(StreamStore.START, 2_000)).hasSize(1_000)
                    .extracting(e -> e.position()).isSorted();
        }
    }

    @Test
    void givenExtremeInstants_whenAskingForThePositionBefore_thenTheyActAsTheEndsOfTime() {
        try (SqliteStreamStore store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH)) {
            AppendResult result = store.append("game-1", ExpectedRevision.noStream(), List.of(event()));

            assertThat(store.positionBefore(Instant.MAX)).isEqualTo(result.lastPosition());
            assertThat(store.positionBefore(Instant.MIN)).isEqualTo(StreamStore.START);
        }
    }

    @Test
    void givenAppendsGoingOn_whenCopying_thenTheCopyIsOneCompletePrefixOfTheLog() throws Exception {
        Path copyDir = dir.resolve("copy");
        Files.createDirectories(copyDir);
        try (SqliteStreamStore store = SqliteStreamStore.open(dir.resolve("live"), Durability.PROCESS_CRASH)) {
            for (int i = 0; i < 50; i++) {
                store.append("game-" + i, ExpectedRevision.noStream(), List.of(event(), event()));
            }
            store.storeSnapshot("game-1", 1, event());
            java.util.concurrent.atomic.AtomicBoolean go = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                for (int i = 0; go.get(); i++) {
                    store.append("late-" + i, ExpectedRevision.noStream(), List.of(event(), event(), event()));
                }
            });
            writer.start();
            Thread.sleep(20);
            store.copyTo(copyDir.resolve(SqliteStreamStore.FILE_NAME));
            go.set(false);
            writer.join();

            try (SqliteStreamStore copy = SqliteStreamStore.openReadOnly(copyDir)) {
                long head = copy.headPosition();
                assertThat(head).isGreaterThanOrEqualTo(100).isLessThanOrEqualTo(store.headPosition());
                List<dev.ante.infra.store.RecordedEvent> copied = copy.readAll(StreamStore.START, 1_000_000);
                List<dev.ante.infra.store.RecordedEvent> original = store.readAll(StreamStore.START, copied.size());
                assertThat(copied).hasSize((int) head);
                for (int i = 0; i < copied.size(); i++) {
                    assertThat(copied.get(i).eventId()).isEqualTo(original.get(i).eventId());
                    assertThat(copied.get(i).position()).isEqualTo(original.get(i).position());
                    assertThat(copied.get(i).data()).isEqualTo(original.get(i).data());
                }
                // A batch is all or nothing in the copy too: every late stream holds its three events.
                copied.stream().map(dev.ante.infra.store.RecordedEvent::stream).distinct()
                        .forEach(s -> assertThat(copy.lastRevision(s)).as(s).contains(s.startsWith("late-") ? 2L : 1L));
                assertThat(copy.readSnapshot("game-1")).isPresent();
            }
            // The copy opens for writing too, and its streams go on from where they stood.
            try (SqliteStreamStore copy = SqliteStreamStore.open(copyDir, Durability.PROCESS_CRASH)) {
                assertThat(copy.append("game-0", ExpectedRevision.exact(1), List.of(event())).firstRevision()).isEqualTo(2);
            }
            assertThatThrownBy(() -> store.copyTo(copyDir.resolve(SqliteStreamStore.FILE_NAME)))
                    .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("exists");
        }
    }

    private static NewEvent event() {
        return new NewEvent(UUID.randomUUID(), "HandPlayed", "{\"x\":1}".getBytes(UTF_8), null);
    }
}
