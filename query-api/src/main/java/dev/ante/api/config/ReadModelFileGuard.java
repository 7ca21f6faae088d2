package dev.ante.api.config;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the embedded read models from the event log when the platform did not stop cleanly.
 *
 * <p>H2 stores pages of transactions that are still open, and after the process is killed it does not
 * always roll all of them back: a read model can come back holding part of a batch its token does not
 * count, or an index entry without its row. Every read model and token is derived from the event log, so
 * the guard does not trust such a file. While the platform runs, a marker beside the database names the
 * process (pid and start time); a clean stop closes the database and removes it. A marker left by a
 * process that is gone means an unclean stop: the database files are deleted before anything opens them,
 * and the processors rebuild every read model from the start of the log.
 *
 * <p>Several application contexts in one JVM may share a file (the marker then names this process and is
 * left alone); a marker naming another live process is left for H2's own file lock to refuse. Only
 * {@code jdbc:h2:file:} URLs are guarded: a server database recovers its own transactions.
 */
@Component
public class ReadModelFileGuard implements DestructionAwareBeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(ReadModelFileGuard.class);
    private static final String PREFIX = "jdbc:h2:file:";
    /** The marker's name beside the database files. */
    static final String MARKER = "open-by";

    /** Contexts of this JVM using each guarded database, by database path. */
    private static final Map<Path, Integer> USERS = new HashMap<>();

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof HikariDataSource ds) {
            database(ds.getJdbcUrl()).ifPresent(db -> {
                try {
                    opening(db);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot prepare the read-model database " + db, e);
                }
            });
        }
        return bean;
    }

    @Override
    public boolean requiresDestruction(Object bean) {
        return bean instanceof HikariDataSource ds && database(ds.getJdbcUrl()).isPresent();
    }

    @Override
    public void postProcessBeforeDestruction(Object bean, String beanName) throws BeansException {
        HikariDataSource ds = (HikariDataSource) bean;
        Optional<Path> db = database(ds.getJdbcUrl());
        if (db.isEmpty()) {
            return;
        }
        // Closing the pool here (the context closes it again, which does nothing) lets the database be shut
        // down, and the marker removed, only once no connection of this context is left.
        ds.close();
        closed(db.get(), ds.getJdbcUrl(), ds.getUsername(), ds.getPassword());
    }

    /** The database path of an H2 file URL ({@code <dir>/<name>}), or empty for any other URL. */
    static Optional<Path> database(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int settings = url.indexOf(';');
        return Optional.of(Path.of(url.substring(PREFIX.length(), settings < 0 ? url.length() : settings))
                .toAbsolutePath().normalize());
    }

    /**
     * Before the database is opened: deletes it if the marker says the last process using it never closed
     * it, then writes this process into the marker.
     *
     * @return whether the database files were deleted
     */
    static synchronized boolean opening(Path db) throws IOException {
        Path marker = marker(db);
        boolean deleted = false;
        Integer users = USERS.get(db);
        if (users == null) {
            Optional<Owner> owner = Owner.read(marker);
            if (owner.isPresent() && !owner.get().isThisProcess() && !owner.get().isAlive()) {
                deleted = deleteDatabase(db);
                if (deleted) {
                    log.warn("The read-model database {} was left open by process {} (started {}), which stopped "
                            + "without closing it: its files are deleted and every read model is rebuilt from the "
                            + "event log. Queries answer from partly rebuilt read models until the processors "
                            + "catch up (GET /api/v1/projections).", db, owner.get().pid(), owner.get().started());
                }
            }
            Files.createDirectories(db.getParent());
            Files.writeString(marker, Owner.current().text(), StandardCharsets.UTF_8);
        }
        USERS.put(db, users == null ? 1 : users + 1);
        return deleted;
    }

    /** After a context's pool is closed: the last context in this JVM shuts the database down, removes the marker. */
    static synchronized void closed(Path db, String url, String user, String password) {
        Integer users = USERS.get(db);
        if (users == null) {
            return;
        }
        if (users > 1) {
            USERS.put(db, users - 1);
            return;
        }
        USERS.remove(db);
        Properties credentials = new Properties();
        credentials.setProperty("user", user == null ? "" : user);
        credentials.setProperty("password", password == null ? "" : password);
        try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE", credentials);
             Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        } catch (SQLException e) {
            // Not closed for certain: keep the marker, so the next start rebuilds rather than trusts the file.
            log.warn("Could not shut the read-model database {} down ({}); the next start rebuilds it", db,
                    e.getMessage());
            return;
        }
        try {
            Files.deleteIfExists(marker(db));
        } catch (IOException e) {
            log.warn("Could not remove {}; the next start rebuilds the read models", marker(db), e);
        }
    }

    static Path marker(Path db) {
        return db.resolveSibling(db.getFileName() + "." + MARKER);
    }

    /** Deletes the database's files ({@code <name>.mv.db} and its companions); true if there were any. */
    private static boolean deleteDatabase(Path db) throws IOException {
        String prefix = db.getFileName() + ".";
        String marker = marker(db).getFileName().toString();
        boolean any = false;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(db.getParent(), prefix + "*")) {
            for (Path file : files) {
                if (!file.getFileName().toString().equals(marker) && Files.isRegularFile(file)) {
                    Files.delete(file);
                    any = true;
                }
            }
        } catch (NoSuchFileException e) {
            return false;
        }
        return any;
    }

    /** The process a marker names: its pid and when it started (so a reused pid is not taken for it). */
    record Owner(long pid, Instant started) {

        static Owner current() {
            ProcessHandle self = ProcessHandle.current();
            return new Owner(self.pid(), self.info().startInstant().orElse(Instant.EPOCH));
        }

        static Optional<Owner> read(Path marker) throws IOException {
            String text;
            try {
                text = Files.readString(marker, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            long pid = -1;
            Instant started = Instant.EPOCH;
            for (String line : text.split("\n")) {
                try {
                    if (line.startsWith("pid=")) {
                        pid = Long.parseLong(line.substring(4).trim());
                    } else if (line.startsWith("started=")) {
                        started = Instant.parse(line.substring(8).trim());
                    }
                } catch (RuntimeException e) {
                    // An unreadable marker is a marker of an unknown, gone process.
                }
            }
            return Optional.of(new Owner(pid, started));
        }

        String text() {
            return "pid=" + pid + "\nstarted=" + started + "\n";
        }

        boolean isThisProcess() {
            return equals(current());
        }

        boolean isAlive() {
            return pid > 0 && ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .map(p -> p.info().startInstant().map(started::equals).orElse(true))
                    .orElse(false);
        }
    }
}
