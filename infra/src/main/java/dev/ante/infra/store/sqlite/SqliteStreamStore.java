package dev.ante.infra.store.sqlite;

import static dev.ante.infra.store.StreamStoreArguments.requireAfterPosition;
import static dev.ante.infra.store.StreamStoreArguments.requireEvents;
import static dev.ante.infra.store.StreamStoreArguments.requireFromRevision;
import static dev.ante.infra.store.StreamStoreArguments.requireMaxCount;
import static dev.ante.infra.store.StreamStoreArguments.requireRevision;
import static dev.ante.infra.store.StreamStoreArguments.requireStreamName;

import com.zaxxer.hikari.HikariDataSource;
import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.WrongExpectedRevisionException;
import dev.ante.infra.store.AppendResult;
import dev.ante.infra.store.CommittedAppend;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StoreUnavailableException;
import dev.ante.infra.store.StreamRead;
import dev.ante.infra.store.StreamStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The embedded {@link StreamStore}: one SQLite file, {@code <dir>/events.db}, in WAL mode.
 *
 * <p>A read-write store owns a single writer connection (SQLite admits one writer at a time anyway, and
 * queueing in the pool is cheaper than spinning on {@code SQLITE_BUSY}) and a small pool of readers, which
 * WAL lets run beside the writer. {@link #openReadOnly} opens only readers, so another process, such as the
 * replay tool, can read while the application writes.
 *
 * <p>Stream names are kept once, in a {@code streams} table, and events refer to them by a small integer:
 * this keeps each event row and the {@code (stream, revision)} index short, which is most of the size of a
 * game on disk. The {@code streams} row also carries the last revision, so the expected-revision check is a
 * single primary-key lookup.
 *
 * <p>Events are stored compactly (see {@link EventRows}): type names by a small integer, data and metadata
 * compressed with a zstd dictionary the store trains on its own first events ({@link Compression}), and the
 * platform's usual metadata, a lone {@code occurredAt}, as an integer. Every event reads back byte for byte
 * as it was appended.
 *
 * <p>{@code recorded_at} never decreases along the log, even if the wall clock steps back, which lets
 * {@link #positionBefore} binary-search positions instead of maintaining a time index on every append.
 *
 * <p>Snapshots live in their own table, one row per stream, so they can never appear in {@link #readAll};
 * a snapshot's {@link RecordedEvent#position()} is {@link #START}, as it has no place in the global log.
 *
 * <p>Thread-safe.
 */
public final class SqliteStreamStore implements StreamStore {

    /** The database file inside the data directory. */
    public static final String FILE_NAME = "events.db";

    private static final String SELECT_STREAM =
            "SELECT id, last_revision FROM streams WHERE name = ?";

    private final Path file;
    private final HikariDataSource writer;
    private final HikariDataSource readers;
    private final int version;
    private final String eventColumns;
    private final EventCompressor compressor;
    private final EventRows rows;
    private final DictionaryTraining training;

    private SqliteStreamStore(Path file, HikariDataSource writer, HikariDataSource readers, int version,
                              Compression compression) {
        this.file = file;
        this.writer = writer;
        this.readers = readers;
        this.version = version;
        this.eventColumns = SqliteSchema.eventColumns(version);
        this.compressor = new EventCompressor(compression);
        this.rows = new EventRows(compressor, version);
        this.training = writer == null ? null : new DictionaryTraining(this::trainDictionary);
        if (version >= 2) {
            read("read the compression dictionaries", c -> {
                Dictionaries.loadAll(c, compressor);
                return null;
            });
        }
    }

    /**
     * Opens, and creates if needed, the store in {@code dir} for reading and writing.
     *
     * @throws StoreUnavailableException when the directory or the database cannot be opened
     */
    public static SqliteStreamStore open(Path dir, Durability durability) {
        return open(dir, durability, Compression.defaults());
    }

    /**
     * Opens, and creates if needed, the store in {@code dir} for reading and writing, compressing new events
     * as {@code compression} says.
     *
     * @throws StoreUnavailableException when the directory or the database cannot be opened
     */
    public static SqliteStreamStore open(Path dir, Durability durability, Compression compression) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(compression, "compression");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot create the event store directory " + dir, e);
        }
        Path file = dir.resolve(FILE_NAME);
        HikariDataSource writer = null;
        try {
            writer = SqlitePools.writer(file, durability);
            createSchema(writer);
            HikariDataSource readers = SqlitePools.readers(file);
            try {
                return new SqliteStreamStore(file, writer, readers, SqliteSchema.VERSION, compression);
            } catch (RuntimeException e) {
                readers.close();
                throw e;
            }
        } catch (RuntimeException e) {
            if (writer != null) {
                writer.close();
            }
            throw e instanceof StoreUnavailableException s ? s
                    : new StoreUnavailableException("cannot open the event store " + file, e);
        }
    }

    /**
     * Opens an existing store for reading only; a process holding it with {@link #open} may keep writing.
     * Appends and snapshots through the returned store throw {@link UnsupportedOperationException}.
     *
     * @throws StoreUnavailableException when there is no event store in {@code dir}
     */
    public static SqliteStreamStore openReadOnly(Path dir) {
        Objects.requireNonNull(dir, "dir");
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new StoreUnavailableException("no event store at " + file, null);
        }
        try {
            HikariDataSource readers = SqlitePools.readers(file);
            int version;
            try (Connection c = readers.getConnection()) {
                version = SqliteSchema.userVersion(c);
            } catch (SQLException e) {
                readers.close();
                throw new StoreUnavailableException("cannot read the event store " + file + ": " + e.getMessage(), e);
            }
            if (version > SqliteSchema.VERSION) {
                readers.close();
                throw SqliteSchema.newer(version);
            }
            try {
                return new SqliteStreamStore(file, null, readers, version, Compression.off());
            } catch (RuntimeException e) {
                readers.close();
                throw e;
            }
        } catch (RuntimeException e) {
            if (e instanceof StoreUnavailableException s) {
                throw s;
            }
            throw new StoreUnavailableException("cannot open the event store " + file, e);
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /**
     * Writes a copy of the whole store as it stands at one moment to {@code target}, a new file, while appends
     * go on ({@code VACUUM INTO} in one read transaction: the copy is that transaction's snapshot, compacted).
     * The copy is a complete store: {@link #open} or {@link #openReadOnly} on its directory reads it.
     *
     * @throws StoreUnavailableException when the copy cannot be written (the target exists, the disk is full)
     */
    public void copyTo(Path target) {
        Objects.requireNonNull(target, "target");
        if (Files.exists(target)) {
            throw new StoreUnavailableException("cannot copy the event store to " + target + ": it exists", null);
        }
        read("copy the event store to " + target, c -> {
            try (PreparedStatement st = c.prepareStatement("VACUUM INTO ?")) {
                st.setString(1, target.toString());
                st.execute();
            }
            return null;
        });
    }

    /** Whether this store was opened with {@link #openReadOnly}. */
    public boolean isReadOnly() {
        return writer == null;
    }

    @Override
    public AppendResult append(String stream, ExpectedRevision expected, List<NewEvent> events) {
        return append(stream, expected, events, committed -> { });
    }

    /**
     * Appends, and tells {@code committed} while the writer connection is still held: appends are told in the
     * order they committed, which is the order of their positions, each append's positions consecutive.
     */
    @Override
    public AppendResult append(String stream, ExpectedRevision expected, List<NewEvent> events,
                               Consumer<CommittedAppend> committed) {
        requireStreamName(stream);
        Objects.requireNonNull(committed, "committed");
        Objects.requireNonNull(expected, "expected");
        requireEvents(events);
        // Compressed before the writer connection is taken, so that request threads compress in parallel.
        int codec = compressor.codec();
        List<EventRows.StoredEvent> stored = new ArrayList<>(events.size());
        for (NewEvent event : events) {
            stored.add(rows.encode(event, codec));
        }
        AppendResult result = appendStored(stream, expected, stored, committed);
        if (compressor.wantsDictionary(result.lastPosition())) {
            training.start();
        }
        return result;
    }

    private AppendResult appendStored(String stream, ExpectedRevision expected, List<EventRows.StoredEvent> events,
                                      Consumer<CommittedAppend> committed) {
        try (Connection c = writerConnection()) {
            try {
                Map<String, Integer> createdTypes = EventRows.newTypes();
                CommittedAppend append = inTransaction(c, "BEGIN IMMEDIATE",
                        () -> appendInTransaction(c, stream, expected, events, createdTypes));
                rows.committed(createdTypes);
                committed.accept(append);
                return append.result();
            } catch (SQLException e) {
                if (isConstraintViolation(e)) {
                    // Only another process writing the same file can get here: our own writes are serialised
                    // by the single writer connection and checked inside the transaction.
                    throw new WrongExpectedRevisionException(stream, expected, lastRevision(c, stream));
                }
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable("append to " + stream, e);
        }
    }

    private CommittedAppend appendInTransaction(Connection c, String stream, ExpectedRevision expected,
                                             List<EventRows.StoredEvent> events, Map<String, Integer> createdTypes)
            throws SQLException {
        long streamId;
        long lastRevision;
        try (PreparedStatement ps = c.prepareStatement(SELECT_STREAM)) {
            ps.setString(1, stream);
            try (ResultSet rs = ps.executeQuery()) {
                boolean exists = rs.next();
                streamId = exists ? rs.getLong(1) : -1;
                lastRevision = exists ? rs.getLong(2) : -1;
            }
        }
        checkExpected(stream, expected, lastRevision);
        long firstRevision = lastRevision + 1;
        long newLastRevision = lastRevision + events.size();
        if (streamId < 0) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO streams (name, last_revision) VALUES (?, ?) RETURNING id")) {
                ps.setString(1, stream);
                ps.setLong(2, newLastRevision);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    streamId = rs.getLong(1);
                }
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement("UPDATE streams SET last_revision = ? WHERE id = ?")) {
                ps.setLong(1, newLastRevision);
                ps.setLong(2, streamId);
                ps.executeUpdate();
            }
        }
        long recordedAt = Math.max(nowMicros(), lastRecordedAt(c));
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO events (stream_id, revision, event_id, type_id, codec, data, metadata, recorded_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            long revision = firstRevision;
            for (EventRows.StoredEvent stored : events) {
                ps.setLong(1, streamId);
                ps.setLong(2, revision++);
                rows.bind(ps, stored, rows.typeId(c, stored.type(), createdTypes));
                ps.setLong(8, recordedAt);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        long lastPosition;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            lastPosition = rs.getLong(1);
        }
        // One writer, and each row takes the greatest position so far plus one: the batch's positions are
        // consecutive.
        return new CommittedAppend(new AppendResult(stream, firstRevision, newLastRevision, lastPosition),
                lastPosition - events.size() + 1, EventRows.fromMicros(recordedAt));
    }

    private static void checkExpected(String stream, ExpectedRevision expected, long lastRevision) {
        if (!expected.isMetBy(lastRevision)) {
            throw new WrongExpectedRevisionException(stream, expected, lastRevision);
        }
    }

    private static long lastRecordedAt(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1")) {
            return rs.next() ? rs.getLong(1) : Long.MIN_VALUE;
        }
    }

    @Override
    public StreamRead readStream(String stream, long fromRevision, int maxCount, Direction direction) {
        requireStreamName(stream);
        Objects.requireNonNull(direction, "direction");
        requireFromRevision(fromRevision);
        requireMaxCount(maxCount);
        return readConsistently("read " + stream, c -> {
            long streamId;
            long lastRevision;
            try (PreparedStatement ps = c.prepareStatement(SELECT_STREAM)) {
                ps.setString(1, stream);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new StreamRead.NotFound(stream);
                    }
                    streamId = rs.getLong(1);
                    lastRevision = rs.getLong(2);
                }
            }
            String sql = direction == Direction.FORWARDS
                    ? "SELECT " + eventColumns + " FROM events e"
                            + " WHERE e.stream_id = ? AND e.revision >= ? ORDER BY e.revision LIMIT ?"
                    : "SELECT " + eventColumns + " FROM events e"
                            + " WHERE e.stream_id = ? AND e.revision <= ? ORDER BY e.revision DESC LIMIT ?";
            List<RecordedEvent> events = new ArrayList<>(Math.min(maxCount, 1_024));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, streamId);
                ps.setLong(2, fromRevision);
                ps.setInt(3, maxCount);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(rows.read(c, stream, rs));
                    }
                }
            }
            return new StreamRead.Found(stream, List.copyOf(events), lastRevision);
        });
    }

    @Override
    public List<RecordedEvent> readAll(long afterPosition, int maxCount) {
        requireAfterPosition(afterPosition);
        requireMaxCount(maxCount);
        return read("read all after " + afterPosition, c -> {
            // CROSS JOIN pins events as the outer loop, so the scan walks the rowid range in order.
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + eventColumns + ", s.name FROM events e CROSS JOIN streams s ON s.id = e.stream_id"
                            + " WHERE e.position > ? ORDER BY e.position LIMIT ?")) {
                ps.setLong(1, afterPosition);
                ps.setInt(2, maxCount);
                List<RecordedEvent> events = new ArrayList<>(Math.min(maxCount, 1_024));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(rows.read(c, rs.getString(9), rs));
                    }
                }
                return List.copyOf(events);
            }
        });
    }

    @Override
    public long headPosition() {
        return read("read the head position", SqliteStreamStore::headPosition);
    }

    private static long headPosition(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT position FROM events ORDER BY position DESC LIMIT 1")) {
            return rs.next() ? rs.getLong(1) : START;
        }
    }

    @Override
    public long positionBefore(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        long limit = ceilMicros(instant);
        return readConsistently("find the position before " + instant, c -> {
            // Invariant: the answer lies in [low, high); low is START or a position recorded before the
            // instant, and every position at or above high was recorded at or after it.
            long low = START;
            long high = headPosition(c) + 1;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT position, recorded_at FROM events WHERE position >= ? AND position < ?"
                            + " ORDER BY position LIMIT 1")) {
                while (high - low > 1) {
                    long middle = low + (high - low) / 2;
                    ps.setLong(1, middle);
                    ps.setLong(2, high);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && rs.getLong(2) < limit) {
                            low = rs.getLong(1);
                        } else {
                            high = middle;
                        }
                    }
                }
            }
            return low;
        });
    }

    @Override
    public Optional<Long> lastRevision(String stream) {
        requireStreamName(stream);
        return read("read the last revision of " + stream, c -> {
            long last = lastRevision(c, stream);
            return last < 0 ? Optional.empty() : Optional.of(last);
        });
    }

    private static long lastRevision(Connection c, String stream) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_revision FROM streams WHERE name = ?")) {
            ps.setString(1, stream);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /**
     * Up to {@code limit} streams whose names start with {@code prefix} and whose last event is of type
     * {@code lastType} and was recorded before {@code recordedBefore}, oldest stream first, with their last
     * revisions.
     */
    public Map<String, Long> streamsEndedBy(String prefix, String lastType, Instant recordedBefore, int limit) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(lastType, "lastType");
        Objects.requireNonNull(recordedBefore, "recordedBefore");
        requireMaxCount(limit);
        String typeColumn = version >= 2 ? "(SELECT t.name FROM event_types t WHERE t.id = e.type_id)" : "e.type";
        return read("find streams ended by " + lastType, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT s.name, s.last_revision FROM streams s JOIN events e"
                            + " ON e.stream_id = s.id AND e.revision = s.last_revision"
                            + " WHERE substr(s.name, 1, ?) = ? AND " + typeColumn + " = ? AND e.recorded_at < ?"
                            + " ORDER BY s.id LIMIT ?")) {
                ps.setInt(1, prefix.length());
                ps.setString(2, prefix);
                ps.setString(3, lastType);
                ps.setLong(4, micros(recordedBefore));
                ps.setInt(5, limit);
                Map<String, Long> streams = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        streams.put(rs.getString(1), rs.getLong(2));
                    }
                }
                return streams;
            }
        });
    }

    /**
     * Removes whole streams, their events and snapshots, in one transaction: each must still end at the revision
     * given for it, and none may hold the head position (SQLite would hand that position out again, and readers
     * that passed it would never see the event that got it). Otherwise nothing is removed.
     *
     * @throws IllegalStateException when a stream has changed, is gone, or holds the head position
     */
    public void remove(Map<String, Long> lastRevisions) {
        Objects.requireNonNull(lastRevisions, "lastRevisions");
        if (lastRevisions.isEmpty()) {
            return;
        }
        try (Connection c = writerConnection()) {
            inTransaction(c, "BEGIN IMMEDIATE", () -> {
                long head = headPosition(c);
                try (PreparedStatement find = c.prepareStatement(SELECT_STREAM);
                     PreparedStatement holdsHead = c.prepareStatement(
                             "SELECT 1 FROM events WHERE position = ? AND stream_id = ?");
                     PreparedStatement events = c.prepareStatement("DELETE FROM events WHERE stream_id = ?");
                     PreparedStatement streams = c.prepareStatement("DELETE FROM streams WHERE id = ?");
                     PreparedStatement snapshots = c.prepareStatement("DELETE FROM snapshots WHERE stream = ?")) {
                    for (Map.Entry<String, Long> entry : lastRevisions.entrySet()) {
                        String stream = entry.getKey();
                        long id;
                        find.setString(1, stream);
                        try (ResultSet rs = find.executeQuery()) {
                            if (!rs.next()) {
                                throw new IllegalStateException(stream + " is not in " + file);
                            }
                            if (rs.getLong(2) != entry.getValue()) {
                                throw new IllegalStateException(stream + " ends at revision " + rs.getLong(2)
                                        + ", not " + entry.getValue());
                            }
                            id = rs.getLong(1);
                        }
                        holdsHead.setLong(1, head);
                        holdsHead.setLong(2, id);
                        try (ResultSet rs = holdsHead.executeQuery()) {
                            if (rs.next()) {
                                throw new IllegalStateException(stream + " holds the head position " + head);
                            }
                        }
                        events.setLong(1, id);
                        events.executeUpdate();
                        streams.setLong(1, id);
                        streams.executeUpdate();
                        snapshots.setString(1, stream);
                        snapshots.executeUpdate();
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw unavailable("remove " + lastRevisions.size() + " streams", e);
        }
    }

    @Override
    public void storeSnapshot(String stream, long revision, NewEvent snapshot) {
        requireStreamName(stream);
        Objects.requireNonNull(snapshot, "snapshot");
        requireRevision(revision);
        try (Connection c = writerConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO snapshots (stream, revision, event_id, type, data, metadata, recorded_at)"
                             + " VALUES (?, ?, ?, ?, ?, ?, ?)"
                             + " ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision,"
                             + " event_id = excluded.event_id, type = excluded.type, data = excluded.data,"
                             + " metadata = excluded.metadata, recorded_at = excluded.recorded_at")) {
            ps.setString(1, stream);
            ps.setLong(2, revision);
            ps.setBytes(3, EventRows.toBytes(snapshot.eventId()));
            ps.setString(4, snapshot.type());
            ps.setBytes(5, snapshot.data());
            ps.setBytes(6, snapshot.metadata());
            ps.setLong(7, nowMicros());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("store the snapshot of " + stream, e);
        }
    }

    @Override
    public Optional<RecordedEvent> readSnapshot(String stream) {
        requireStreamName(stream);
        return read("read the snapshot of " + stream, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT revision, event_id, type, data, metadata, recorded_at FROM snapshots WHERE stream = ?")) {
                ps.setString(1, stream);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new RecordedEvent(stream, EventRows.toUuid(rs.getBytes(2)), rs.getString(3),
                            rs.getLong(1), START, EventRows.fromMicros(rs.getLong(6)), rs.getBytes(4),
                            rs.getBytes(5)));
                }
            }
        });
    }

    @Override
    public void close() {
        if (training != null) {
            training.stop();
        }
        // The writer goes last: the last connection to close checkpoints and removes the WAL, which a
        // read-only connection cannot do.
        readers.close();
        if (writer != null) {
            writer.close();
        }
        compressor.close();
    }

    @Override
    public String toString() {
        return "SqliteStreamStore[" + file + (isReadOnly() ? ", read-only]" : "]");
    }

    // --- connections and schema -------------------------------------------------------------------------

    private static void createSchema(HikariDataSource writer) {
        try (Connection c = writer.getConnection()) {
            SqliteSchema.createOrMigrate(c);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot create the event store schema: " + e.getMessage(), e);
        }
    }

    // --- compression ------------------------------------------------------------------------------------

    /**
     * Trains the store's dictionary on its most recent events and stores it; events appended from then on
     * are compressed with it. Runs on the training thread, beside appends.
     */
    private void trainDictionary() throws SQLException {
        List<byte[]> samples = read("read samples for a compression dictionary",
                c -> Dictionaries.samples(c, compressor.settings().sampleEvents()));
        byte[] dictionary = compressor.train(samples);
        int id;
        try (Connection c = writerConnection()) {
            id = inTransaction(c, "BEGIN IMMEDIATE", () -> Dictionaries.insert(c, dictionary, nowMicros()));
        }
        compressor.add(id, dictionary);
    }

    private Connection writerConnection() throws SQLException {
        if (writer == null) {
            throw new UnsupportedOperationException(this + " was opened read-only");
        }
        return writer.getConnection();
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    private interface TransactionWork<T> {
        T run() throws SQLException;
    }

    private <T> T read(String what, Work<T> work) {
        try (Connection c = readers.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw unavailable(what, e);
        }
    }

    /** Runs {@code work} in one read transaction, so that all its statements see the same snapshot. */
    private <T> T readConsistently(String what, Work<T> work) {
        return read(what, c -> inTransaction(c, "BEGIN", () -> work.run(c)));
    }

    // The connections stay in auto-commit mode and transactions are explicit: with auto-commit off, the
    // driver opens the next transaction as soon as one ends, so an idle writer would hold SQLite's write
    // lock and an idle reader could pin an old WAL snapshot.
    private static <T> T inTransaction(Connection c, String begin, TransactionWork<T> work) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(begin);
            try {
                T result = work.run();
                st.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    st.execute("ROLLBACK");
                } catch (SQLException rollbackFailure) {
                    // SQLite rolls back by itself after some errors; the original failure is what matters.
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    // --- conversions ------------------------------------------------------------------------------------

    private static long nowMicros() {
        return micros(Instant.now());
    }

    private static long micros(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        } catch (ArithmeticException e) {
            // Instants beyond ±292,000 years compare like the ends of the microsecond range.
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static long ceilMicros(Instant instant) {
        long floor = micros(instant);
        return instant.getNano() % 1_000 == 0 || floor == Long.MAX_VALUE ? floor : floor + 1;
    }

    // --- argument checks and errors -----------------------------------------------------------------------

    private static boolean isConstraintViolation(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                    || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
        }
        return false;
    }

    private StoreUnavailableException unavailable(String what, SQLException e) {
        return new StoreUnavailableException("cannot " + what + " in " + file + ": " + e.getMessage(), e);
    }
}
