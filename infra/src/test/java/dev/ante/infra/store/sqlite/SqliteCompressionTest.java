package dev.ante.infra.store.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.domain.ExpectedRevision;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StreamRead;
import dev.ante.infra.store.StreamStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Events compressed with a dictionary the store trains on its own events, and stores that predate it. */
class SqliteCompressionTest {

    private static final String[] JOKERS = {"Joker", "Greedy Joker", "Lusty Joker", "Blueprint", "Brainstorm",
        "Baron", "Mime", "Hologram", "Cavendish", "Gros Michel", "Bloodstone", "Triboulet"};
    private static final String[] HANDS = {"HIGH_CARD", "PAIR", "TWO_PAIR", "FLUSH", "STRAIGHT", "FULL_HOUSE"};

    @TempDir
    Path dir;

    private final Random random = new Random(7);

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenEnoughEvents_whenTheDictionaryIsTrained_thenLaterEventsAreStoredSmallerAndReadBackExactly()
            throws Exception {
        List<NewEvent> written = new ArrayList<>();
        try (SqliteStreamStore store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH,
                Compression.trainingAfter(300));
             SqliteStreamStore openedBefore = SqliteStreamStore.openReadOnly(dir)) {
            for (int game = 0; game < 10; game++) {
                written.addAll(appendGame(store, "game-" + game, 40));
            }
            awaitDictionary();
            for (int game = 10; game < 20; game++) {
                written.addAll(appendGame(store, "game-" + game, 40));
            }

            assertThat(codecs()).containsExactly(0L, 1L);
            assertThat(storedDataBytes(1)).isLessThan(rawDataBytes(written.subList(400, 800)) / 2);
            assertReadsBack(store, written);
            // A reader opened before the dictionary existed finds it when it meets an event that uses it.
            assertReadsBack(openedBefore, written);
        }
        try (SqliteStreamStore reopened = SqliteStreamStore.openReadOnly(dir)) {
            assertReadsBack(reopened, written);
        }
        try (SqliteStreamStore reopened = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH,
                Compression.trainingAfter(300))) {
            written.addAll(appendGame(reopened, "game-20", 10));
            assertReadsBack(reopened, written);
            assertThat(dictionaries()).isEqualTo(1);
        }
    }

    @Test
    void givenCompressionOff_whenAppending_thenEventsAreStoredAsGivenAndNoDictionaryIsTrained() throws Exception {
        List<NewEvent> written = new ArrayList<>();
        try (SqliteStreamStore store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH, Compression.off())) {
            for (int game = 0; game < 5; game++) {
                written.addAll(appendGame(store, "game-" + game, 100));
            }
            assertReadsBack(store, written);
        }
        assertThat(codecs()).containsExactly(0L);
        assertThat(dictionaries()).isZero();
    }

    @Test
    void givenTooFewSamples_whenTrainingFails_thenEventsStayUncompressedAndAppendsGoOn() throws Exception {
        List<NewEvent> written = new ArrayList<>();
        try (SqliteStreamStore store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH,
                Compression.trainingAfter(1))) {
            written.addAll(appendGame(store, "game-1", 1));
            written.addAll(appendGame(store, "game-2", 3));
            assertReadsBack(store, written);
        }
        // The store closes only after the training it started has ended (failed: one event is no corpus).
        assertThat(dictionaries()).isZero();
        assertThat(codecs()).containsExactly(0L);
    }

    @Test
    void givenVersionOneStore_whenOpened_thenItsEventsReadAndNewOnesAppend() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
             Statement st = c.createStatement()) {
            st.executeUpdate("PRAGMA journal_mode = WAL");
            st.executeUpdate("CREATE TABLE streams (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
                    + " last_revision INTEGER NOT NULL)");
            st.executeUpdate("CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id INTEGER NOT NULL"
                    + " REFERENCES streams (id), revision INTEGER NOT NULL, event_id BLOB NOT NULL, type TEXT NOT NULL,"
                    + " data BLOB NOT NULL, metadata BLOB NOT NULL, recorded_at INTEGER NOT NULL,"
                    + " UNIQUE (stream_id, revision))");
            st.executeUpdate("CREATE TABLE snapshots (stream TEXT PRIMARY KEY, revision INTEGER NOT NULL,"
                    + " event_id BLOB NOT NULL, type TEXT NOT NULL, data BLOB NOT NULL, metadata BLOB NOT NULL,"
                    + " recorded_at INTEGER NOT NULL)");
            st.executeUpdate("INSERT INTO streams VALUES (1, 'game-old', 0)");
            st.executeUpdate("INSERT INTO events VALUES (1, 1, 0, zeroblob(16), 'HandPlayed', CAST('{\"old\":true}'"
                    + " AS BLOB), CAST('{}' AS BLOB), 1000)");
            st.executeUpdate("PRAGMA user_version = 1");
        }

        try (SqliteStreamStore readOnly = SqliteStreamStore.openReadOnly(dir)) {
            assertThat(readOnly.readAll(StreamStore.START, 10)).singleElement()
                    .satisfies(e -> assertThat(new String(e.data(), UTF_8)).isEqualTo("{\"old\":true}"));
        }
        try (SqliteStreamStore store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH)) {
            store.append("game-old", ExpectedRevision.exact(0), List.of(
                    new NewEvent(UUID.randomUUID(), "HandPlayed", "{\"new\":true}".getBytes(UTF_8), null)));
            assertThat(store.readAll(StreamStore.START, 10)).extracting(e -> new String(e.data(), UTF_8))
                    .containsExactly("{\"old\":true}", "{\"new\":true}");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void givenLoneOccurredAt_whenEncoding_thenOnlyTheExactCanonicalFormBecomesANumber() {
        for (String instant : List.of("2026-12-02T01:11:25.746010Z", "2026-12-02T01:11:25Z", "1969-12-31T23:59:59.999999999Z",
                "2026-12-02T01:11:25.100Z")) {
            byte[] metadata = ("{\"occurredAt\":\"" + instant + "\"}").getBytes(UTF_8);
            Long nanos = EventRows.occurredAtNanos(metadata);
            assertThat(nanos).as(instant).isNotNull();
            assertThat(EventRows.occurredAtMetadata(nanos)).as(instant).isEqualTo(metadata);
        }
        for (String other : List.of("{\"occurredAt\":\"2026-12-02T01:11:25.746010000Z\"}",
                "{\"occurredAt\":\"2026-12-02T01:11:25.10Z\"}", "{\"occurredAt\": \"2026-12-02T01:11:25Z\"}",
                "{\"occurredAt\":\"2026-12-02T01:11:25Z\",\"x\":1}", "{\"occurredAt\":\"3000-01-01T00:00:00Z\"}",
                "{\"occurredAt\":\"yesterday\"}", "{\"occurredAt\":\"\"}", "{}", "")) {
            assertThat(EventRows.occurredAtNanos(other.getBytes(UTF_8))).as(other).isNull();
        }
    }

    @Test
    void givenPlatformMetadata_whenAppended_thenItIsStoredAsAnIntegerAndReadBackExactly() throws Exception {
        List<NewEvent> written = new ArrayList<>();
        try (SqliteStreamStore store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH, Compression.off())) {
            written.addAll(appendGame(store, "game-1", 4));
            NewEvent other = new NewEvent(UUID.randomUUID(), "HandPlayed", "{}".getBytes(UTF_8),
                    "{\"occurredAt\":\"2026-12-02T01:11:25.7460100Z\"}".getBytes(UTF_8));
            store.append("game-1", ExpectedRevision.exact(3), List.of(other));
            written.add(other);
            assertReadsBack(store, written);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT typeof(metadata), typeof(type_id) FROM events ORDER BY position")) {
            List<String> kinds = new ArrayList<>();
            while (rs.next()) {
                kinds.add(rs.getString(1) + "/" + rs.getString(2));
            }
            assertThat(kinds).containsExactly("integer/integer", "integer/integer", "integer/integer",
                    "integer/integer", "blob/integer");
        }
    }

    private List<NewEvent> appendGame(SqliteStreamStore store, String stream, int events) {
        List<NewEvent> game = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            game.add(new NewEvent(UUID.randomUUID(), "HandPlayed", hand().getBytes(UTF_8),
                    ("{\"occurredAt\":\"2026-12-02T01:" + (10 + random.nextInt(50)) + ":" + (10 + random.nextInt(50))
                            + "." + (100_000 + random.nextInt(900_000)) + "Z\"}").getBytes(UTF_8)));
        }
        // In two batches, so that an append can cross the training threshold in the middle of a game.
        int half = game.size() / 2;
        if (half > 0) {
            store.append(stream, ExpectedRevision.noStream(), game.subList(0, half));
            store.append(stream, ExpectedRevision.exact(half - 1), game.subList(half, game.size()));
        } else {
            store.append(stream, ExpectedRevision.noStream(), game);
        }
        return game;
    }

    private String hand() {
        StringBuilder jokers = new StringBuilder();
        int count = random.nextInt(6);
        for (int j = 0; j < count; j++) {
            jokers.append(j == 0 ? "" : ",").append('"').append(JOKERS[random.nextInt(JOKERS.length)]).append('"');
        }
        return "{\"ante\":" + (1 + random.nextInt(8)) + ",\"blind\":\"BIG\",\"handType\":\""
                + HANDS[random.nextInt(HANDS.length)] + "\",\"chips\":" + random.nextInt(500) + ",\"mult\":"
                + random.nextInt(60) + ",\"finalScore\":" + random.nextInt(100_000) + ",\"jokers\":[" + jokers
                + "],\"cards\":[\"" + "AKQJT98765432".charAt(random.nextInt(13)) + "H\"]}";
    }

    private static void assertReadsBack(SqliteStreamStore store, List<NewEvent> written) {
        List<RecordedEvent> all = store.readAll(StreamStore.START, 10_000);
        assertThat(all).hasSize(written.size());
        for (int i = 0; i < written.size(); i++) {
            assertThat(all.get(i).eventId()).isEqualTo(written.get(i).eventId());
            assertThat(all.get(i).data()).isEqualTo(written.get(i).data());
            assertThat(all.get(i).metadata()).isEqualTo(written.get(i).metadata());
        }
        StreamRead read = store.readStream("game-12", 0, 100, Direction.FORWARDS);
        if (read instanceof StreamRead.Found found) {
            assertThat(found.events()).extracting(RecordedEvent::data).containsExactlyElementsOf(
                    all.stream().filter(e -> e.stream().equals("game-12")).map(RecordedEvent::data).toList());
        }
    }

    private void awaitDictionary() throws Exception {
        // Training runs beside appends; wait for its result (not timed: the test fails by its own timeout).
        while (dictionaries() == 0) {
            Thread.sleep(20);
        }
    }

    private int dictionaries() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
             Statement st = c.createStatement()) {
            try (ResultSet exists = st.executeQuery(
                    "SELECT COUNT(*) FROM sqlite_master WHERE name = 'dictionaries'")) {
                exists.next();
                if (exists.getInt(1) == 0) {
                    return 0;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM dictionaries")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private List<Long> codecs() throws SQLException {
        List<Long> codecs = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT codec FROM events ORDER BY codec")) {
            while (rs.next()) {
                codecs.add(rs.getLong(1));
            }
        }
        return codecs;
    }

    private long storedDataBytes(int codec) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT SUM(LENGTH(data)) FROM events WHERE codec = " + codec
                     + " AND position > 400")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long rawDataBytes(List<NewEvent> events) {
        return events.stream().mapToLong(e -> e.data().length).sum();
    }
}
