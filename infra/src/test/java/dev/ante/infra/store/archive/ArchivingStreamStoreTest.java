package dev.ante.infra.store.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.WrongExpectedRevisionException;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StreamRead;
import dev.ante.infra.store.StreamStore;
import dev.ante.infra.store.sqlite.Durability;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivingStreamStoreTest {

    private static final List<String> GAMES = List.of("game-a", "game-b", "game-c", "game-d", "game-e");

    @TempDir
    Path dir;

    private ArchivingStreamStore store;

    /** What the log looked like before anything moved. */
    private View before;

    @BeforeEach
    void fill() {
        store = open();
        // Rounds interleave the games' positions; game-e's last event is the head.
        for (int round = 0; round < 6; round++) {
            for (int g = 0; g < GAMES.size(); g++) {
                if (round < 2 + g) {
                    String game = GAMES.get(g);
                    boolean last = round == 1 + g;
                    store.append(game, ExpectedRevision.any(),
                            List.of(event("Note", "{\"text\":\"é ü \\u0000 " + game + "\"}"),
                                    event(last ? "GameCompleted" : "HandPlayed", "{\"round\":" + round + "}")));
                }
            }
            store.append("strategy-x", ExpectedRevision.any(), List.of(event("StrategyNoted", "{\"r\":" + round + "}")));
        }
        store.append("game-e", ExpectedRevision.any(), List.of(event("GameCompleted", "{}")));
        before = View.of(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ArchivingStreamStore open() {
        return ArchivingStreamStore.open(SqliteStreamStore.open(dir, Durability.PROCESS_CRASH),
                dir.resolve(ParquetArchive.DIRECTORY));
    }

    @Test
    void archivedStreamsLeaveTheLiveStoreAndReadAsBefore() {
        ArchivingStreamStore.Archived archived = store.archive(lastRevisions(GAMES));

        // game-e holds the head: SQLite would give its position out again, so it stays.
        assertThat(archived.streams()).isEqualTo(4);
        assertThat(archived.events()).isEqualTo(before.streams().entrySet().stream()
                .filter(e -> !e.getKey().equals("game-e") && e.getKey().startsWith("game-"))
                .mapToLong(e -> e.getValue().size()).sum());
        assertThat(archived.file()).get().extracting(ParquetArchive.ArchiveFile::pending).isEqualTo(false);
        for (String game : GAMES.subList(0, 4)) {
            assertThat(store.live().lastRevision(game)).as(game).isEmpty();
        }
        assertThat(store.live().lastRevision("game-e")).isPresent();
        View.of(store).assertSameAs(before);
    }

    @Test
    void aLogLongerThanAChunkReadsWholeInPagesOfAnySize() {
        // Three games interleaved over more than two chunks' worth of events; two of them move.
        int perGame = ParquetArchive.CHUNK_EVENTS * 2 / 3 + 17;
        for (int i = 0; i < perGame; i += 100) {
            for (String game : List.of("game-x", "game-y", "game-z")) {
                List<NewEvent> batch = new ArrayList<>();
                for (int j = i; j < Math.min(perGame, i + 100); j++) {
                    batch.add(event("HandPlayed", "{\"j\":" + j + "}"));
                }
                store.append(game, ExpectedRevision.any(), batch);
            }
        }
        store.append("strategy-x", ExpectedRevision.any(), List.of(event("StrategyNoted", "{}")));
        List<Row> expected = readAll(store, 1_000);

        assertThat(store.archive(lastRevisions(List.of("game-x", "game-z"))).events()).isEqualTo(2L * perGame);

        for (int page : new int[] {1, 999, 1_000, ParquetArchive.CHUNK_EVENTS + 1, 100_000}) {
            assertThat(readAll(store, page)).as("pages of %d", page).isEqualTo(expected);
        }
    }

    private static List<Row> readAll(StreamStore store, int page) {
        List<Row> all = new ArrayList<>();
        long after = StreamStore.START;
        for (List<RecordedEvent> read; !(read = store.readAll(after, page)).isEmpty(); ) {
            assertThat(read.size()).isLessThanOrEqualTo(page);
            read.forEach(e -> all.add(Row.of(e)));
            after = read.get(read.size() - 1).position();
        }
        return all;
    }

    @Test
    void archivedStreamsTakeNoMoreEventsAndPositionsAreNotReused() {
        store.archive(lastRevisions(GAMES));
        long last = before.streams().get("game-a").size() - 1;

        assertThatThrownBy(() -> store.append("game-a", ExpectedRevision.exact(last), List.of(event("X", "{}"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("archived");
        assertThatThrownBy(() -> store.append("game-a", ExpectedRevision.noStream(), List.of(event("X", "{}"))))
                .isInstanceOf(WrongExpectedRevisionException.class);
        long next = store.append("strategy-x", ExpectedRevision.any(), List.of(event("StrategyNoted", "{}")))
                .lastPosition();
        assertThat(next).isGreaterThan(before.head());
    }

    @Test
    void aReopenedOrReadOnlyStoreReadsTheArchive() {
        store.archive(lastRevisions(GAMES));
        store.close();

        store = open();
        View.of(store).assertSameAs(before);
        try (ArchivingStreamStore readOnly = ArchivingStreamStore.open(SqliteStreamStore.openReadOnly(dir),
                dir.resolve(ParquetArchive.DIRECTORY))) {
            View.of(readOnly).assertSameAs(before);
        }
    }

    @Test
    void aFileWhoseStreamsWereNotYetRemovedIsFinishedOnTheNextOpen() {
        // After another append game-e no longer holds the head; write its file and stop before the removal.
        store.append("strategy-x", ExpectedRevision.any(), List.of(event("StrategyNoted", "{}")));
        before = View.of(store);
        ParquetArchive.ArchiveFile pending;
        try (ParquetArchive.Writer writer = store.archive().newFile()) {
            View.readForwards(store, "game-e").forEach(writer::add);
            pending = writer.finish();
        }
        assertThat(pending.pending()).isTrue();
        // Meanwhile readers see each of its events once.
        View.of(store).assertSameAs(before);
        store.close();

        store = open();
        assertThat(store.live().lastRevision("game-e")).isEmpty();
        assertThat(store.archive().files()).singleElement().extracting(ParquetArchive.ArchiveFile::pending)
                .isEqualTo(false);
        View.of(store).assertSameAs(before);
    }

    @Test
    void aStreamThatChangedIsNotMoved() {
        Map<String, Long> stale = lastRevisions(List.of("game-a", "game-b"));
        stale.put("game-b", stale.get("game-b") - 1);

        assertThatThrownBy(() -> store.archive(stale)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("game-b");
        assertThatThrownBy(() -> store.live().remove(stale)).isInstanceOf(IllegalStateException.class);

        assertThat(store.archive().files()).isEmpty();
        assertThat(store.live().lastRevision("game-a")).isPresent();
        View.of(store).assertSameAs(before);
    }

    @Test
    void completedStreamsAreFoundByTheirLastEvent() {
        Map<String, Long> ended = store.live().streamsEndedBy("game-", "GameCompleted", Instant.now().plusSeconds(1), 3);
        assertThat(ended.keySet()).containsExactly("game-a", "game-b", "game-c");
        assertThat(store.live().streamsEndedBy("game-", "GameCompleted", Instant.EPOCH, 10)).isEmpty();
        assertThat(store.live().streamsEndedBy("strategy-", "GameCompleted", Instant.now().plusSeconds(1), 10))
                .isEmpty();
    }

    @Test
    void archiveFilesAreParquetThatOtherToolsRead() throws Exception {
        ArchivingStreamStore.Archived archived = store.archive(lastRevisions(GAMES));
        Path file = archived.file().orElseThrow().path();
        try (Stream<Path> names = Files.list(dir.resolve(ParquetArchive.DIRECTORY))) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactly(file.getFileName().toString());
        }
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = duck.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT stream),"
                     + " sum(CASE WHEN json_extract_string(data, '$.text') LIKE 'é ü %' THEN 1 ELSE 0 END)"
                     + " FROM read_parquet('" + file + "')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(archived.events());
            assertThat(rs.getLong(2)).isEqualTo(4);
            assertThat(rs.getLong(3)).isEqualTo(archived.events() / 2);
        }
    }

    private Map<String, Long> lastRevisions(List<String> streams) {
        Map<String, Long> last = new LinkedHashMap<>();
        for (String stream : streams) {
            last.put(stream, store.lastRevision(stream).orElseThrow());
        }
        return last;
    }

    private static NewEvent event(String type, String json) {
        return new NewEvent(UUID.randomUUID(), type, json.getBytes(UTF_8), "{\"m\":1}".getBytes(UTF_8));
    }

    /** An event with its data and metadata as text, so that equal events are equal. */
    private record Row(String stream, UUID eventId, String type, long revision, long position, Instant recordedAt,
                       String data, String metadata) {

        static Row of(RecordedEvent e) {
            return new Row(e.stream(), e.eventId(), e.type(), e.revision(), e.position(), e.recordedAt(),
                    new String(e.data(), UTF_8), new String(e.metadata(), UTF_8));
        }
    }

    /** Everything a reader can ask of a store, asked in several ways. */
    private record View(Map<Integer, List<Row>> pagedBy, Map<String, List<Row>> streams,
                        Map<String, List<Row>> backwards, Map<String, Long> lastRevisions, long head,
                        List<Long> positionsBefore) {

        static View of(StreamStore store) {
            Map<Integer, List<Row>> paged = new LinkedHashMap<>();
            List<RecordedEvent> all = new ArrayList<>();
            for (int page : new int[] {1, 3, 7, 1000}) {
                all = new ArrayList<>();
                long after = StreamStore.START;
                for (List<RecordedEvent> read; !(read = store.readAll(after, page)).isEmpty(); ) {
                    assertThat(read.size()).isLessThanOrEqualTo(page);
                    all.addAll(read);
                    after = read.get(read.size() - 1).position();
                }
                paged.put(page, all.stream().map(Row::of).toList());
            }
            Map<String, List<Row>> streams = new LinkedHashMap<>();
            Map<String, List<Row>> backwards = new LinkedHashMap<>();
            Map<String, Long> last = new LinkedHashMap<>();
            for (RecordedEvent event : all) {
                streams.computeIfAbsent(event.stream(), s -> readForwards(store, s).stream().map(Row::of).toList());
                backwards.computeIfAbsent(event.stream(), s -> {
                    StreamRead.Found found = (StreamRead.Found) store.readStream(s, 2, 2, Direction.BACKWARDS);
                    return found.events().stream().map(Row::of).toList();
                });
                last.computeIfAbsent(event.stream(), s -> store.lastRevision(s).orElseThrow());
            }
            List<Long> before = new ArrayList<>();
            for (int i = 0; i < all.size(); i += 5) {
                before.add(store.positionBefore(all.get(i).recordedAt()));
                before.add(store.positionBefore(all.get(i).recordedAt().plusNanos(1_000)));
            }
            return new View(paged, streams, backwards, last, store.headPosition(), before);
        }

        static List<RecordedEvent> readForwards(StreamStore store, String stream) {
            return ((StreamRead.Found) store.readStream(stream, 0, 1000, Direction.FORWARDS)).events();
        }

        void assertSameAs(View expected) {
            assertThat(pagedBy).isEqualTo(expected.pagedBy);
            assertThat(streams).isEqualTo(expected.streams);
            assertThat(backwards).isEqualTo(expected.backwards);
            assertThat(lastRevisions).isEqualTo(expected.lastRevisions);
            assertThat(head).isEqualTo(expected.head);
            assertThat(positionsBefore).isEqualTo(expected.positionsBefore);
        }
    }
}
