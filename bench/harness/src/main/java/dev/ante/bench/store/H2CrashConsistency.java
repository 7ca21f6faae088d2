package dev.ante.bench.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Whether an H2 file holds whole transactions after the process writing it is killed: a child JVM runs several
 * connections, each committing rows into its own table and its counter row in one transaction (as a read model
 * commits its rows and its token), and is killed with SIGKILL at a random moment; the file is then opened and
 * every counter compared with its rows. A counter that disagrees with its rows is a transaction recovered by half.
 *
 * <pre>java -cp bench/harness/target/ante-bench.jar dev.ante.bench.store.H2CrashConsistency [rounds] [writers] [URL settings] [serial]</pre>
 * With one writer every commit is serial; with several they interleave, as the read-model processors do.
 */
public final class H2CrashConsistency {

    private static final int ROWS_PER_COMMIT = 20;

    private H2CrashConsistency() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(Path.of(args[1]), Integer.parseInt(args[2]), args[3], Boolean.parseBoolean(args[4]));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int writers = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        String settings = args.length > 2 ? args[2] : ";RETENTION_TIME=0";
        boolean serial = args.length > 3 && args[3].equals("serial");
        int broken = 0;
        for (int round = 0; round < rounds; round++) {
            Path dir = Files.createTempDirectory("h2-crash-consistency");
            try {
                Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), H2CrashConsistency.class.getName(), "child",
                        dir.toString(), String.valueOf(writers), settings, String.valueOf(serial))
                        .redirectErrorStream(true).start();
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line = out.readLine();
                    if (!"ready".equals(line)) {
                        throw new IllegalStateException("child said: " + line);
                    }
                    Thread.sleep(500 + ThreadLocalRandom.current().nextInt(2500));
                    child.destroyForcibly();
                    child.waitFor(30, TimeUnit.SECONDS);
                }
                int halves = check(dir, writers, settings, round);
                if (halves > 0) {
                    broken++;
                }
            } finally {
                delete(dir);
            }
        }
        System.out.printf("settings '%s', %d writers%s: %d of %d kills left a transaction recovered by half%n",
                settings, writers, serial ? " taking turns" : "", broken, rounds);
    }

    private static void child(Path dir, int writers, String settings, boolean serial) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db") + settings;
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE counter (writer INT PRIMARY KEY, commits BIGINT)");
            for (int w = 0; w < writers; w++) {
                st.execute("CREATE TABLE rows_" + w + " (id BIGINT PRIMARY KEY, commit_no BIGINT, pad VARCHAR(200))");
                st.execute("CREATE INDEX rows_" + w + "_commit ON rows_" + w + " (commit_no)");
                st.execute("INSERT INTO counter VALUES (" + w + ", 0)");
            }
        }
        Connection keep = DriverManager.getConnection(url, "sa", "");
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread thread = new Thread(() -> write(url, writer, serial ? TURNS : new ReentrantLock()), "writer-" + w);
            thread.start();
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
        keep.close();
    }

    private static final ReentrantLock TURNS = new ReentrantLock();

    private static void write(String url, int writer, ReentrantLock turn) {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setAutoCommit(false);
            PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO rows_" + writer + " VALUES (?, ?, REPEAT('x', 150))");
            PreparedStatement update = c.prepareStatement(
                    "UPDATE rows_" + writer + " SET pad = REPEAT('y', 120) WHERE id = ?");
            PreparedStatement count = c.prepareStatement("UPDATE counter SET commits = ? WHERE writer = " + writer);
            for (long commit = 1; ; commit++) {
                turn.lock();
                for (int r = 0; r < ROWS_PER_COMMIT; r++) {
                    insert.setLong(1, commit * 100 + r);
                    insert.setLong(2, commit);
                    insert.executeUpdate();
                }
                if (commit > 1) {
                    update.setLong(1, (commit - 1) * 100);
                    update.executeUpdate();
                }
                count.setLong(1, commit);
                count.executeUpdate();
                c.commit();
                turn.unlock();
            }
        } catch (SQLException e) {
            e.printStackTrace();
        }
    }

    private static int check(Path dir, int writers, String settings, int round) throws SQLException {
        int halves = 0;
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db") + settings, "sa", "");
             Statement st = c.createStatement()) {
            for (int w = 0; w < writers; w++) {
                try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM rows_" + w
                        + "), (SELECT commits FROM counter WHERE writer = " + w + "), (SELECT max(commit_no) FROM rows_"
                        + w + ")")) {
                    rs.next();
                    if (rs.getLong(1) != rs.getLong(2) * ROWS_PER_COMMIT) {
                        halves++;
                        System.out.printf("round %d, writer %d: %d rows up to commit %d, counter %d%n", round, w,
                                rs.getLong(1), rs.getLong(3), rs.getLong(2));
                    }
                }
            }
        }
        return halves;
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
