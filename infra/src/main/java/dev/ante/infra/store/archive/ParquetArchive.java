package dev.ante.infra.store.archive;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ante.infra.store.Direction;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StoreUnavailableException;
import dev.ante.infra.store.StreamStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Whole streams moved out of the live store, kept as Parquet files in one directory and read back through an
 * in-process DuckDB, which is started only once there is a file to read or write. Every file holds the complete
 * streams of one archiving step, one row per event, sorted by position, with the columns
 * {@code position, stream, revision, event_id, type, recorded_at, data, metadata} (data and metadata as JSON
 * text), so any Parquet reader can use it as it is.
 *
 * <p>A file's name says how far it got: {@code events-<id>.parquet} is confirmed (its streams are gone from the
 * live store); {@code events-<id>.pending.parquet} is complete and synced to disk, but the removal of its streams
 * from the live store was not confirmed, so they may be in both (readers take the archived copy, which is the
 * same); {@code .events-<id>.partial} was being written and is deleted by the next writable open.
 *
 * <p>Which file holds a stream, its last revision and each file's position range are kept in memory, so asking
 * about a stream that is not archived, or reading the log past the archive's last position, never reaches DuckDB.
 * Thread-safe; reads share one DuckDB connection, one at a time.
 */
public final class ParquetArchive implements AutoCloseable {

    /** The archive's directory inside a data directory. */
    public static final String DIRECTORY = "archive";

    private static final String PREFIX = "events-";
    private static final String PENDING = ".pending.parquet";
    private static final String CONFIRMED = ".parquet";
    private static final String PARTIAL = ".partial";
    /** Rows per row group written, and per chunk read for {@link #readAll}: each row group is decoded once. */
    static final int CHUNK_EVENTS = 16_384;
    /** Chunks kept, a few MB each: one for each processor of a rebuild reading the archive, and one spare. */
    private static final int CHUNKS_KEPT = 8;
    private static final String COLUMNS =
            "position, revision, event_id, type, epoch_us(recorded_at) AS recorded_us, data, metadata, stream";

    private final Path dir;
    private final boolean writable;
    private final Object lock = new Object();
    /** Recently read chunks, most recent first; only touched with the lock held. */
    private final java.util.ArrayDeque<Chunk> chunks = new java.util.ArrayDeque<>();
    private final Map<String, Located> streams = new ConcurrentHashMap<>();
    private volatile List<ArchiveFile> files = List.of();
    private volatile long head = StreamStore.START;
    private Connection duck;

    private ParquetArchive(Path dir, boolean writable) {
        this.dir = dir;
        this.writable = writable;
    }

    /** One file of the archive: its position range, how many streams and events it holds, and its state. */
    public record ArchiveFile(Path path, long minPosition, long maxPosition, int streamCount, long eventCount,
                              boolean pending) {
    }

    private record Located(ArchiveFile file, long lastRevision) {
    }

    private record Indexed(ArchiveFile file, List<Map.Entry<String, Long>> streams) {
    }

    /**
     * Opens the archive in {@code dir} (which need not exist yet). A writable open deletes files left half-written;
     * a read-only one, meant for another process, never writes.
     */
    public static ParquetArchive open(Path dir, boolean writable) {
        Objects.requireNonNull(dir, "dir");
        ParquetArchive archive = new ParquetArchive(dir, writable);
        try {
            archive.load();
            return archive;
        } catch (RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    private void load() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path path : (Iterable<Path>) entries::iterator) {
                String name = path.getFileName().toString();
                if (name.startsWith("." + PREFIX) && name.endsWith(PARTIAL)) {
                    if (writable) {
                        Files.deleteIfExists(path);
                    }
                } else if (name.startsWith(PREFIX) && name.endsWith(CONFIRMED)) {
                    found.add(path);
                }
            }
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot list the archive " + dir + ": " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(Path::toString));
        for (Path path : found) {
            register(index(path));
        }
    }

    /** The directory the files are in. */
    public Path directory() {
        return dir;
    }

    /** The files, ordered by their first position. */
    public List<ArchiveFile> files() {
        return files;
    }

    /** Files whose streams may still be in the live store too. */
    public List<ArchiveFile> pendingFiles() {
        return files.stream().filter(ArchiveFile::pending).toList();
    }

    /** The streams {@code file} holds, each with its last revision. */
    public Map<String, Long> streamsIn(ArchiveFile file) {
        Map<String, Long> in = new java.util.LinkedHashMap<>();
        streams.forEach((stream, located) -> {
            if (located.file().path().equals(file.path())) {
                in.put(stream, located.lastRevision());
            }
        });
        return in;
    }

    /** How many streams are archived. */
    public int streamCount() {
        return streams.size();
    }

    /** The last revision of an archived stream; empty when the stream is not archived. */
    public Optional<Long> lastRevision(String stream) {
        Located located = streams.get(stream);
        return located == null ? Optional.empty() : Optional.of(located.lastRevision());
    }

    /** The greatest archived position, or {@link StreamStore#START} when nothing is archived. */
    public long headPosition() {
        return head;
    }

    /**
     * Up to {@code maxCount} events of an archived stream from {@code fromRevision} in {@code direction}; empty
     * when the stream is not archived.
     */
    public Optional<List<RecordedEvent>> readStream(String stream, long fromRevision, int maxCount,
                                                    Direction direction) {
        Located located = streams.get(stream);
        if (located == null) {
            return Optional.empty();
        }
        String sql = "SELECT " + COLUMNS + " FROM " + source(located.file()) + " WHERE stream = ? AND "
                + (direction == Direction.FORWARDS
                        ? "revision >= ? ORDER BY revision LIMIT ?"
                        : "revision <= ? ORDER BY revision DESC LIMIT ?");
        synchronized (lock) {
            try (PreparedStatement ps = connection().prepareStatement(sql)) {
                ps.setString(1, stream);
                ps.setLong(2, fromRevision);
                ps.setInt(3, maxCount);
                return Optional.of(events(ps));
            } catch (SQLException e) {
                throw unavailable("read " + stream + " from " + located.file().path(), e);
            }
        }
    }

    /**
     * Up to {@code maxCount} archived events with positions above {@code afterPosition} and at most
     * {@code notAfter}, in position order.
     */
    public List<RecordedEvent> readAll(long afterPosition, int maxCount, long notAfter) {
        if (afterPosition >= head || notAfter <= afterPosition) {
            return List.of();
        }
        List<RecordedEvent> merged = new ArrayList<>();
        long bound = notAfter;
        synchronized (lock) {
            for (ArchiveFile file : files) {
                if (file.minPosition() > bound) {
                    break;
                }
                if (file.maxPosition() <= afterPosition) {
                    continue;
                }
                merged.addAll(fromFile(file, afterPosition, maxCount, bound));
                if (merged.size() >= maxCount) {
                    merged.sort(Comparator.comparingLong(RecordedEvent::position));
                    merged.subList(maxCount, merged.size()).clear();
                    bound = merged.get(maxCount - 1).position();
                }
            }
        }
        merged.sort(Comparator.comparingLong(RecordedEvent::position));
        return merged.size() > maxCount ? List.copyOf(merged.subList(0, maxCount)) : List.copyOf(merged);
    }

    /**
     * A run of one file's events: every event of the file with a position in ({@code after}, {@code last}].
     * Readers of the whole log (a rebuild's processors) ask for pages much smaller than a Parquet row group; chunks
     * let each row group be decoded once for all of them instead of once per page.
     */
    private record Chunk(Path file, long after, long last, List<RecordedEvent> events) {
    }

    // Called with the lock held.
    private List<RecordedEvent> fromFile(ArchiveFile file, long afterPosition, int maxCount, long bound) {
        List<RecordedEvent> out = new ArrayList<>();
        long cursor = afterPosition;
        while (out.size() < maxCount && cursor < file.maxPosition() && cursor < bound) {
            Chunk chunk = chunkAt(file, cursor);
            List<RecordedEvent> events = chunk.events();
            int i = firstAfter(events, cursor);
            for (; i < events.size() && out.size() < maxCount && events.get(i).position() <= bound; i++) {
                out.add(events.get(i));
            }
            if (i < events.size()) {
                break;
            }
            cursor = chunk.last();
        }
        return out;
    }

    private Chunk chunkAt(ArchiveFile file, long cursor) {
        for (java.util.Iterator<Chunk> it = chunks.iterator(); it.hasNext(); ) {
            Chunk chunk = it.next();
            if (chunk.file().equals(file.path()) && chunk.after() <= cursor && cursor < chunk.last()) {
                it.remove();
                chunks.addFirst(chunk);
                return chunk;
            }
        }
        // Rows are in position order and DuckDB keeps that order without ORDER BY, so the LIMIT stops the scan early;
        // the row groups' position statistics skip the ones before the cursor.
        String sql = "SELECT " + COLUMNS + " FROM " + source(file) + " WHERE position > " + cursor + " LIMIT "
                + CHUNK_EVENTS;
        List<RecordedEvent> events;
        try (PreparedStatement ps = connection().prepareStatement(sql)) {
            events = events(ps);
        } catch (SQLException e) {
            throw unavailable("read after position " + cursor + " from " + file.path(), e);
        }
        long last = events.size() < CHUNK_EVENTS ? file.maxPosition() : events.get(events.size() - 1).position();
        Chunk chunk = new Chunk(file.path(), cursor, last, List.copyOf(events));
        chunks.addFirst(chunk);
        while (chunks.size() > CHUNKS_KEPT) {
            chunks.removeLast();
        }
        return chunk;
    }

    private static int firstAfter(List<RecordedEvent> events, long position) {
        int low = 0;
        int high = events.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (events.get(middle).position() <= position) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The greatest archived position recorded before {@code instant}, or {@link StreamStore#START}. */
    public long positionBefore(Instant instant) {
        List<ArchiveFile> all = files;
        if (all.isEmpty()) {
            return StreamStore.START;
        }
        StringBuilder list = new StringBuilder();
        for (ArchiveFile file : all) {
            list.append(list.isEmpty() ? "" : ", ").append(quoted(file.path()));
        }
        synchronized (lock) {
            try (PreparedStatement ps = connection().prepareStatement("SELECT coalesce(max(position), "
                    + StreamStore.START + ") FROM read_parquet([" + list + "]) WHERE epoch_us(recorded_at) < ?")) {
                ps.setLong(1, ceilMicros(instant));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                throw unavailable("find the archived position before " + instant, e);
            }
        }
    }

    /**
     * Starts a new file. Add every event of each stream it is to hold, then {@link Writer#finish} makes it a
     * pending file that readers see.
     */
    public Writer newFile() {
        if (!writable) {
            throw new UnsupportedOperationException("the archive " + dir + " was opened read-only");
        }
        return new Writer();
    }

    /** Marks a pending file confirmed: its streams are gone from the live store. */
    public ArchiveFile confirm(ArchiveFile file) {
        if (!file.pending()) {
            return file;
        }
        String name = file.path().getFileName().toString();
        Path confirmed = dir.resolve(name.substring(0, name.length() - PENDING.length()) + CONFIRMED);
        synchronized (lock) {
            try {
                Files.move(file.path(), confirmed, StandardCopyOption.ATOMIC_MOVE);
                syncDirectory();
            } catch (IOException e) {
                throw new StoreUnavailableException("cannot confirm the archive file " + file.path() + ": "
                        + e.getMessage(), e);
            }
            ArchiveFile done = new ArchiveFile(confirmed, file.minPosition(), file.maxPosition(), file.streamCount(),
                    file.eventCount(), false);
            replace(file, done);
            return done;
        }
    }

    /** Deletes a pending file whose streams stay in the live store, and forgets them. */
    public void discard(ArchiveFile file) {
        synchronized (lock) {
            replace(file, null);
            try {
                Files.deleteIfExists(file.path());
            } catch (IOException e) {
                throw new StoreUnavailableException("cannot delete the archive file " + file.path() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (duck != null) {
                try {
                    duck.close();
                } catch (SQLException e) {
                    // nothing was left to write: files are complete before they are registered
                }
                duck = null;
            }
        }
    }

    @Override
    public String toString() {
        return "archive " + dir;
    }

    // --- writing ----------------------------------------------------------------------------------------------

    /** One file being written; not thread-safe. */
    public final class Writer implements AutoCloseable {

        private final Path partial;
        private final Path pending;
        private final String table = "stage_" + UUID.randomUUID().toString().replace("-", "");
        private final Connection connection;
        private final DuckDBAppender appender;
        private final java.nio.charset.CharsetDecoder utf8 = UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private long events;
        private boolean done;

        private Writer() {
            String id = PREFIX + Instant.now().toString().replace(":", "").replace("-", "").replace(".", "")
                    + "-" + UUID.randomUUID().toString().substring(0, 8);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new StoreUnavailableException("cannot create the archive " + dir + ": " + e.getMessage(), e);
            }
            partial = dir.resolve("." + id + PARTIAL);
            pending = dir.resolve(id + PENDING);
            try {
                synchronized (lock) {
                    connection = ((DuckDBConnection) connection()).duplicate();
                }
                try (Statement st = connection.createStatement()) {
                    st.execute("CREATE TABLE " + table + " (position BIGINT, stream VARCHAR, revision BIGINT,"
                            + " event_id VARCHAR, type VARCHAR, recorded_us BIGINT, data VARCHAR, metadata VARCHAR)");
                }
                appender = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
            } catch (SQLException e) {
                throw unavailable("start an archive file", e);
            }
        }

        /** Adds one event; its data and metadata must be UTF-8 JSON, as every stored event's are. */
        public void add(RecordedEvent event) {
            try {
                appender.beginRow();
                appender.append(event.position());
                appender.append(event.stream());
                appender.append(event.revision());
                appender.append(event.eventId().toString());
                appender.append(event.type());
                appender.append(ChronoUnit.MICROS.between(Instant.EPOCH, event.recordedAt()));
                appender.append(text(event, event.data()));
                appender.append(text(event, event.metadata()));
                appender.endRow();
                events++;
            } catch (SQLException e) {
                throw unavailable("stage event " + event.position() + " for the archive", e);
            }
        }

        private String text(RecordedEvent event, byte[] bytes) {
            try {
                return utf8.decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("event " + event.position() + " of " + event.stream()
                        + " is not UTF-8 text; it cannot be archived as JSON", e);
            }
        }

        /** Events added so far. */
        public long events() {
            return events;
        }

        /**
         * Writes the file, syncs it to disk and makes it a pending file readers see.
         *
         * @throws IllegalStateException when nothing was added
         */
        public ArchiveFile finish() {
            if (events == 0) {
                throw new IllegalStateException("an archive file needs at least one event");
            }
            try {
                appender.close();
                try (Statement st = connection.createStatement()) {
                    st.execute("COPY (SELECT position, stream, revision, event_id, type,"
                            + " make_timestamp(recorded_us)::TIMESTAMPTZ AS recorded_at, data, metadata FROM " + table
                            + " ORDER BY position) TO " + quoted(partial)
                            + " (FORMAT PARQUET, COMPRESSION ZSTD, ROW_GROUP_SIZE " + CHUNK_EVENTS + ")");
                    st.execute("DROP TABLE " + table);
                }
                try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                ArchiveFile file;
                synchronized (lock) {
                    Files.move(partial, pending, StandardCopyOption.ATOMIC_MOVE);
                    syncDirectory();
                    Indexed indexed = index(pending);
                    file = indexed.file();
                    if (file.eventCount() != events) {
                        throw new IllegalStateException("the archive file " + pending + " holds " + file.eventCount()
                                + " events, not the " + events + " written");
                    }
                    register(indexed);
                }
                done = true;
                return file;
            } catch (SQLException e) {
                throw unavailable("write " + pending, e);
            } catch (IOException e) {
                throw new StoreUnavailableException("cannot write " + pending + ": " + e.getMessage(), e);
            } finally {
                close();
            }
        }

        /** Drops the file unless it was finished. */
        @Override
        public void close() {
            try (Statement st = connection.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + table);
            } catch (SQLException e) {
                // an in-memory table: it goes with the database at the latest
            }
            try {
                connection.close();
            } catch (SQLException e) {
                // nothing to keep
            }
            if (!done) {
                try {
                    Files.deleteIfExists(partial);
                    Files.deleteIfExists(pending);
                } catch (IOException e) {
                    // the next writable open deletes what is left
                }
            }
        }
    }

    // --- internals --------------------------------------------------------------------------------------------

    private Indexed index(Path path) {
        String name = path.getFileName().toString();
        boolean pending = name.endsWith(PENDING);
        List<Map.Entry<String, Long>> found = new ArrayList<>();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long count = 0;
        synchronized (lock) {
            try (Statement st = connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT stream, max(revision), min(position), max(position), count(*)"
                         + " FROM read_parquet(" + quoted(path) + ") GROUP BY stream")) {
                while (rs.next()) {
                    found.add(Map.entry(rs.getString(1), rs.getLong(2)));
                    min = Math.min(min, rs.getLong(3));
                    max = Math.max(max, rs.getLong(4));
                    count += rs.getLong(5);
                }
            } catch (SQLException e) {
                throw unavailable("read the archive file " + path, e);
            }
        }
        if (found.isEmpty()) {
            throw new StoreUnavailableException("the archive file " + path + " holds no events", null);
        }
        return new Indexed(new ArchiveFile(path, min, max, found.size(), count, pending), found);
    }

    private void register(Indexed indexed) {
        ArchiveFile file = indexed.file();
        for (Map.Entry<String, Long> stream : indexed.streams()) {
            streams.put(stream.getKey(), new Located(file, stream.getValue()));
        }
        List<ArchiveFile> all = new ArrayList<>(files);
        all.add(file);
        all.sort(Comparator.comparingLong(ArchiveFile::minPosition));
        files = List.copyOf(all);
        head = Math.max(head, file.maxPosition());
    }

    private void replace(ArchiveFile old, ArchiveFile replacement) {
        chunks.removeIf(chunk -> chunk.file().equals(old.path()));
        List<ArchiveFile> all = new ArrayList<>(files);
        all.removeIf(f -> f.path().equals(old.path()));
        if (replacement != null) {
            all.add(replacement);
            all.sort(Comparator.comparingLong(ArchiveFile::minPosition));
        }
        streams.replaceAll((stream, located) -> located.file().path().equals(old.path()) && replacement != null
                ? new Located(replacement, located.lastRevision()) : located);
        if (replacement == null) {
            streams.values().removeIf(located -> located.file().path().equals(old.path()));
        }
        files = List.copyOf(all);
        head = all.stream().mapToLong(ArchiveFile::maxPosition).max().orElse(StreamStore.START);
    }

    private List<RecordedEvent> events(PreparedStatement ps) throws SQLException {
        List<RecordedEvent> events = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                events.add(new RecordedEvent(rs.getString(8), UUID.fromString(rs.getString(3)), rs.getString(4),
                        rs.getLong(2), rs.getLong(1), Instant.EPOCH.plus(rs.getLong(5), ChronoUnit.MICROS),
                        rs.getString(6).getBytes(UTF_8), rs.getString(7).getBytes(UTF_8)));
            }
        }
        return events;
    }

    // Called with the lock held.
    private Connection connection() throws SQLException {
        if (duck == null) {
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement st = c.createStatement()) {
                // Parquet is built into the driver: never reach for the network for an extension.
                st.execute("SET autoinstall_known_extensions = false");
                st.execute("SET autoload_known_extensions = false");
                st.execute("SET TimeZone = 'UTC'");
                st.execute("SET threads = 1");
                st.execute("SET memory_limit = '256MB'");
                st.execute("SET preserve_insertion_order = true");
                if (writable) {
                    st.execute("SET temp_directory = " + quoted(dir.resolve(".spill")));
                }
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            duck = c;
        }
        return duck;
    }

    private static String source(ArchiveFile file) {
        return "read_parquet(" + quoted(file.path()) + ")";
    }

    private static String quoted(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    private void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for syncing; the rename is still atomic.
        }
    }

    private static long ceilMicros(Instant instant) {
        long floor = ChronoUnit.MICROS.between(Instant.EPOCH, instant);
        return instant.getNano() % 1_000 == 0 ? floor : floor + 1;
    }

    private StoreUnavailableException unavailable(String what, SQLException e) {
        return new StoreUnavailableException("cannot " + what + ": " + e.getMessage(), e);
    }
}
