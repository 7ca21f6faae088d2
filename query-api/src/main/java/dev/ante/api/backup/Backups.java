package dev.ante.api.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariDataSource;
import dev.ante.api.config.AnteProperties;
import dev.ante.api.error.Problems;
import dev.ante.api.security.ApiKeys;
import dev.ante.api.support.OwnerOnlyFiles;
import dev.ante.api.timeseries.EmbeddedQuestDb;
import dev.ante.api.timeseries.QuestDbCredentials;
import dev.ante.infra.store.StoreUnavailableException;
import dev.ante.infra.store.StreamStore;
import dev.ante.infra.store.archive.ArchivingStreamStore;
import dev.ante.infra.store.archive.ParquetArchive;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import dev.ante.projections.timeseries.QuestDb;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Online backups of the embedded platform: a new directory that is itself a complete data directory, so
 * restoring is starting the platform on it. Ingest goes on meanwhile; one backup runs at a time.
 *
 * <p>The parts are copied in the order that keeps them consistent with each other. First the read-model
 * database, read in one snapshot transaction with every processor's token, so each read model matches its token. Then
 * QuestDB, once it has applied every row those tokens count as written (a checkpoint, copied, released).
 * Last the event store, as one snapshot taken after both, so it holds every event the tokens and the time
 * series count, and perhaps more: a restored platform's processors carry on from their tokens, and QuestDB's
 * deduplication absorbs rows it already has.
 */
@Component
public class Backups {

    private static final Logger log = LoggerFactory.getLogger(Backups.class);
    private static final DateTimeFormatter NAME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Room kept free beside a backup's estimated size. */
    private static final long SPARE_BYTES = 64L << 20;
    /** The file that makes QuestDB restore its checkpoint when it next starts on a copied root. */
    static final String QUESTDB_RESTORE_TRIGGER = "_restore";
    static final String MANIFEST = "backup.json";
    /** The read-model database's name in its directory, as the embedded profile's URL names it. */
    private static final String H2_NAME = "ante";
    /** QuestDB's web console, which the server unpacks again when it starts. */
    private static final String QUESTDB_WEB_CONSOLE = "public";

    /** One part of a backup: its name in the backup directory, its size, and a note when it was not copied. */
    public record Part(String name, long bytes, String note) {
    }

    /**
     * A finished backup.
     *
     * @param path         the backup directory: start the platform with {@code --ante.data-dir=<path>}
     * @param headPosition the position of the last event in the copied event store
     */
    public record Backup(String path, Instant startedAt, Instant finishedAt, long headPosition, long bytes,
                         List<Part> parts) {
    }

    private final AnteProperties properties;
    private final StreamStore store;
    private final DataSource readModels;
    private final ObjectProvider<EmbeddedQuestDb> questDbServer;
    private final ObjectProvider<QuestDb> questDb;
    private final ObjectMapper manifest = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    private final AtomicReference<Instant> running = new AtomicReference<>();
    private final MeterRegistry meters;
    private final AtomicLong lastSuccess = new AtomicLong();

    public Backups(AnteProperties properties, StreamStore store, DataSource readModels,
                   ObjectProvider<EmbeddedQuestDb> questDbServer, ObjectProvider<QuestDb> questDb,
                   MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("ante.backup.last.success", lastSuccess, AtomicLong::get).baseUnit("seconds")
                .description("When the last backup finished, in seconds since the epoch; 0 before the first")
                .register(meters);
        this.properties = properties;
        this.store = store;
        this.readModels = readModels;
        this.questDbServer = questDbServer;
        this.questDb = questDb;
    }

    /**
     * Writes a backup and says where.
     *
     * @throws ErrorResponseException 409 when another backup runs or this platform's stores are not embedded
     *                                ones, 503 when QuestDB is stopped or behind, 507 when the disk is too
     *                                full; nothing is left behind then
     */
    public Backup backup() {
        Instant started = Instant.now();
        if (!running.compareAndSet(null, started)) {
            throw problem(HttpStatus.CONFLICT, "A backup is running",
                    "the backup started at " + running.get() + " is still running; one runs at a time");
        }
        String outcome = "failed";
        try {
            Backup backup = run(started);
            outcome = "ok";
            lastSuccess.set(backup.finishedAt().getEpochSecond());
            return backup;
        } finally {
            running.set(null);
            Counter.builder("ante.backups").description("Backups by outcome: ok or failed")
                    .tag("outcome", outcome).register(meters).increment();
        }
    }

    private Backup run(Instant started) {
        ArchivingStreamStore archiving = store instanceof ArchivingStreamStore a ? a : null;
        SqliteStreamStore events = archiving != null ? archiving.live()
                : store instanceof SqliteStreamStore sqlite ? sqlite : null;
        if (events == null) {
            throw problem(HttpStatus.CONFLICT, "Not an embedded platform", "the event store is " + store
                    + ": back up KurrentDB, PostgreSQL and QuestDB with their own tools (docs/operations.md)");
        }
        requireEmbeddedReadModels();
        EmbeddedQuestDb server = questDbServer.getIfAvailable();
        QuestDb timeSeries = questDb.getIfAvailable();
        if (server != null && !server.running()) {
            throw problem(HttpStatus.SERVICE_UNAVAILABLE, "QuestDB is stopped",
                    "the embedded QuestDB is not running, so its tables cannot be copied; retry once it is up");
        }
        Path dataDir = properties.dataDir().toAbsolutePath().normalize();
        Path backups = properties.backup().dirFor(dataDir);
        if (backups.startsWith(dataDir)) {
            throw problem(HttpStatus.CONFLICT, "Backups directory inside the data directory",
                    "ante.backup.dir " + backups + " is inside the data directory " + dataDir
                            + ": each backup would copy the ones before it; choose a directory outside it");
        }
        try {
            OwnerOnlyFiles.directory(backups);
            removeInterrupted(backups);
            requireSpace(backups, events, dataDir, server);
        } catch (IOException e) {
            throw problem(HttpStatus.INTERNAL_SERVER_ERROR, "Backup failed",
                    "cannot prepare " + backups + ": " + e.getMessage());
        }
        String name = NAME.format(started);
        Path target = backups.resolve(name);
        for (int n = 2; Files.exists(target); n++) {
            target = backups.resolve(name + "-" + n);
        }
        Path partial = backups.resolve("." + target.getFileName() + ".partial");
        try {
            OwnerOnlyFiles.directory(partial);
            List<Part> parts = new ArrayList<>();
            parts.add(copyReadModels(partial.resolve("readmodels")));
            if (server != null && timeSeries != null) {
                parts.add(copyQuestDb(timeSeries, server.root(), partial.resolve("questdb")));
            } else {
                parts.add(new Part("questdb", 0, timeSeries == null ? "time series are disabled"
                        : "QuestDB is an external server: back it up with its own CHECKPOINT (docs/operations.md)"));
            }
            Path eventsCopy = partial.resolve(SqliteStreamStore.FILE_NAME);
            long archiveBytes = -1;
            if (archiving != null) {
                archiveBytes = archiving.copyTo(partial);
            } else {
                events.copyTo(eventsCopy);
            }
            long head;
            try (SqliteStreamStore copy = SqliteStreamStore.openReadOnly(partial)) {
                head = copy.headPosition();
            }
            parts.add(new Part(SqliteStreamStore.FILE_NAME, Files.size(eventsCopy), null));
            if (archiveBytes > 0) {
                parts.add(new Part(ParquetArchive.DIRECTORY, archiveBytes, null));
            }
            for (String file : List.of(ApiKeys.FILE_NAME, QuestDbCredentials.FILE_NAME)) {
                if (Files.isRegularFile(dataDir.resolve(file))) {
                    Files.copy(dataDir.resolve(file), partial.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
                    parts.add(new Part(file, Files.size(partial.resolve(file)), null));
                }
            }
            Backup backup = new Backup(target.toString(), started, Instant.now(), head, size(partial), parts);
            manifest.writeValue(partial.resolve(MANIFEST).toFile(), backup);
            OwnerOnlyFiles.restrict(partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            log.info("Backup of {} written to {} ({} MB, events up to position {}) in {} ms", dataDir, target,
                    backup.bytes() >> 20, head, backup.finishedAt().toEpochMilli() - started.toEpochMilli());
            return backup;
        } catch (IOException | SQLException | StoreUnavailableException | UncheckedIOException e) {
            deleteQuietly(partial);
            log.warn("Backup to {} failed", target, e);
            boolean full = String.valueOf(e.getMessage()).contains("No space left")
                    || String.valueOf(e.getMessage()).contains("SQLITE_FULL");
            throw problem(full ? HttpStatus.INSUFFICIENT_STORAGE : HttpStatus.INTERNAL_SERVER_ERROR, "Backup failed",
                    "writing " + target + " failed, nothing was kept: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(partial);
            throw problem(HttpStatus.SERVICE_UNAVAILABLE, "Backup interrupted", "the platform is stopping");
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    /** Removes what backups interrupted by a stopped process left (one runs at a time, so none is running). */
    private static void removeInterrupted(Path backups) throws IOException {
        try (Stream<Path> children = Files.list(backups)) {
            children.filter(p -> p.getFileName().toString().startsWith(".") && p.getFileName().toString()
                    .endsWith(".partial")).forEach(p -> {
                        log.info("Removing {}, left by a backup that did not finish", p);
                        deleteQuietly(p);
                    });
        }
    }

    private void requireEmbeddedReadModels() {
        try (Connection c = readModels.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName();
            if (!"H2".equalsIgnoreCase(product)) {
                throw problem(HttpStatus.CONFLICT, "Not an embedded platform", "the read models are in " + product
                        + ": back it up with its own tools (docs/operations.md)");
            }
        } catch (SQLException e) {
            throw problem(HttpStatus.SERVICE_UNAVAILABLE, "Read-model database unavailable", e.getMessage());
        }
    }

    private void requireSpace(Path backups, SqliteStreamStore events, Path dataDir, EmbeddedQuestDb server)
            throws IOException {
        long needed = size(events.file()) + size(dataDir.resolve("readmodels"))
                + size(dataDir.resolve(ParquetArchive.DIRECTORY))
                + (server != null ? size(server.root()) : 0);
        long usable = Files.getFileStore(backups).getUsableSpace();
        if (usable < needed + SPARE_BYTES) {
            throw problem(HttpStatus.INSUFFICIENT_STORAGE, "Not enough disk space", "a backup needs about "
                    + ((needed + SPARE_BYTES) >> 20) + " MB and " + backups + " has " + (usable >> 20) + " MB free");
        }
    }

    /**
     * The read models and every processor's token, as one snapshot transaction sees them: H2's {@code SCRIPT}
     * inside a {@code SNAPSHOT} transaction, replayed into a new database file with the live one's settings.
     * (H2's {@code BACKUP}, a copy of the file, restored read models that missed events their tokens counted
     * when taken under load.)
     */
    private Part copyReadModels(Path dir) throws SQLException, IOException {
        Path script = dir.resolveSibling("readmodels.sql");
        String url;
        String user;
        try (Connection c = readModels.getConnection()) {
            url = hikari().map(HikariDataSource::getJdbcUrl).orElse(c.getMetaData().getURL());
            user = hikari().map(HikariDataSource::getUsername).orElse(c.getMetaData().getUserName());
            boolean autoCommit = c.getAutoCommit();
            try (Statement st = c.createStatement()) {
                st.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
                c.setAutoCommit(false);
                st.execute("SCRIPT TO '" + quoted(script) + "'");
                c.commit();
            } finally {
                c.setAutoCommit(autoCommit);
                try (Statement st = c.createStatement()) {
                    st.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
                }
            }
        }
        Files.createDirectories(dir);
        String settings = url.contains(";") ? url.substring(url.indexOf(';')) : "";
        String copyUrl = "jdbc:h2:file:" + dir.resolve(H2_NAME).toAbsolutePath() + settings;
        try (Connection copy = DriverManager.getConnection(copyUrl, user, readModelsPassword());
             Statement st = copy.createStatement()) {
            st.execute("RUNSCRIPT FROM '" + quoted(script) + "'");
        }
        Files.delete(script);
        return new Part("readmodels", size(dir), null);
    }

    private String readModelsPassword() {
        return hikari().map(HikariDataSource::getPassword).orElse("");
    }

    /** The pool behind the read-model data source, whose URL carries the database's settings. */
    private Optional<HikariDataSource> hikari() {
        try {
            return readModels.isWrapperFor(HikariDataSource.class)
                    ? Optional.of(readModels.unwrap(HikariDataSource.class)) : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private static String quoted(Path path) {
        return path.toAbsolutePath().toString().replace("'", "''");
    }

    /**
     * QuestDB's root, copied in checkpoint mode once the tables have applied every transaction committed by
     * now (so every row the copied tokens count is in), with the trigger that makes a server started on the
     * copy restore the checkpoint.
     */
    private Part copyQuestDb(QuestDb timeSeries, Path root, Path dir) throws SQLException, IOException,
            InterruptedException {
        Map<String, Long> committed = timeSeries.committedTransactions();
        Map<String, Long> behind = timeSeries.awaitApplied(committed, properties.backup().questdbApplyWait());
        if (!behind.isEmpty()) {
            throw problem(HttpStatus.SERVICE_UNAVAILABLE, "QuestDB is behind", "QuestDB has not applied the rows of "
                    + behind.keySet() + " within " + properties.backup().questdbApplyWait().toSeconds()
                    + " s; retry when it has caught up");
        }
        try (Connection c = timeSeries.admin(); Statement st = c.createStatement()) {
            st.execute("CHECKPOINT CREATE");
            try {
                copyTree(root.toAbsolutePath().normalize(), dir);
            } finally {
                st.execute("CHECKPOINT RELEASE");
            }
        }
        Files.deleteIfExists(dir.resolve(QUESTDB_RESTORE_TRIGGER));
        Files.createFile(dir.resolve(QUESTDB_RESTORE_TRIGGER));
        return new Part("questdb", size(dir), null);
    }

    /** Copies a directory tree but the web console, leaving out files that disappear while it is walked. */
    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(from.resolve(QUESTDB_WEB_CONSOLE))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    try {
                        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    } catch (NoSuchFileException gone) {
                        // a temporary file removed meanwhile
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    /** Bytes under {@code path} (a file or a tree), not counting files that disappear meanwhile. */
    static long size(Path path) throws IOException {
        if (!Files.exists(path)) {
            return 0;
        }
        if (Files.isRegularFile(path)) {
            return Files.size(path);
        }
        long[] total = {0};
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                total[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.warn("cannot remove {} of a failed backup: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            log.warn("cannot remove the failed backup {}: {}", dir, e.getMessage());
        }
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        return new ErrorResponseException(status, Problems.of(status, title, detail), null);
    }
}
