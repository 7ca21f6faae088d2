package dev.ante.bench.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Whether an H2 file copied while several connections commit holds whole transactions: each writer commits 20
 * rows into its own table and its counter row in one transaction, while {@code BACKUP TO} copies the file again
 * and again; each copy is opened and every counter compared with its rows. A counter ahead of its rows is a
 * transaction the copy holds half of — what a read model and its token must never be.
 *
 * <pre>java -cp bench/harness/target/ante-bench.jar dev.ante.bench.store.H2CopyConsistency [URL settings]</pre>
 * e.g. {@code ";RETENTION_TIME=0"} (the embedded profile's) or {@code ""} (H2's default retention).
 */
public final class H2CopyConsistency {

    private static final int WRITERS = 6;
    private static final int COPIES = 20;
    private static final int ROWS_PER_COMMIT = 20;

    private H2CopyConsistency() {
    }

    public static void main(String[] args) throws Exception {
        String settings = args.length > 0 ? args[0] : ";RETENTION_TIME=0";
        Path dir = Files.createTempDirectory("h2-copy-consistency");
        String url = "jdbc:h2:file:" + dir.resolve("db") + settings;
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE counter (writer INT PRIMARY KEY, commits BIGINT)");
            for (int w = 0; w < WRITERS; w++) {
                st.execute("CREATE TABLE rows_" + w + " (id BIGINT PRIMARY KEY, pad VARCHAR(200))");
                st.execute("INSERT INTO counter VALUES (" + w + ", 0)");
            }
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread thread = new Thread(() -> write(url, writer, writing), "writer-" + w);
            thread.setDaemon(true);
            thread.start();
        }
        int halves = 0;
        try {
            for (int n = 0; n < COPIES; n++) {
                Thread.sleep(150);
                halves += copyAndCheck(url, dir, n);
            }
        } finally {
            writing.set(false);
            Thread.sleep(200);
            delete(dir);
        }
        System.out.printf("settings '%s': %d of %d counters ahead of their rows in %d copies%n", settings, halves,
                WRITERS * COPIES, COPIES);
    }

    private static void write(String url, int writer, AtomicBoolean writing) {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setAutoCommit(false);
            PreparedStatement insert = c.prepareStatement("INSERT INTO rows_" + writer + " VALUES (?, REPEAT('x', 150))");
            PreparedStatement count = c.prepareStatement("UPDATE counter SET commits = ? WHERE writer = " + writer);
            for (long commit = 1; writing.get(); commit++) {
                for (int r = 0; r < ROWS_PER_COMMIT; r++) {
                    insert.setLong(1, commit * 100 + r);
                    insert.executeUpdate();
                }
                count.setLong(1, commit);
                count.executeUpdate();
                c.commit();
                Thread.sleep(2);
            }
        } catch (SQLException | InterruptedException e) {
            if (writing.get()) {
                e.printStackTrace();
            }
        }
    }

    /** Copies the file with BACKUP TO, opens the copy, and counts the writers whose counter is ahead of its rows. */
    private static int copyAndCheck(String url, Path dir, int n) throws Exception {
        Path zip = dir.resolve("copy-" + n + ".zip");
        Path copy = Files.createDirectories(dir.resolve("copy-" + n));
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("BACKUP TO '" + zip + "'");
        }
        try (ZipInputStream entries = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = entries.getNextEntry()) != null; ) {
                Files.copy(entries, copy.resolve(Path.of(e.getName()).getFileName()));
            }
        }
        int halves = 0;
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + copy.resolve("db"), "sa", "");
             Statement st = c.createStatement()) {
            for (int w = 0; w < WRITERS; w++) {
                try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM rows_" + w
                        + "), (SELECT commits FROM counter WHERE writer = " + w + ")")) {
                    rs.next();
                    if (rs.getLong(1) != rs.getLong(2) * ROWS_PER_COMMIT) {
                        halves++;
                        System.out.printf("copy %d, writer %d: %d rows, counter %d%n", n, w, rs.getLong(1), rs.getLong(2));
                    }
                }
            }
        }
        Files.delete(zip);
        delete(copy);
        return halves;
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
