package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The embedded read-model file, opened with the settings the platform ships, is whole after SIGKILL: a child JVM
 * runs six connections that each commit rows and a counter row in one transaction — as each processor commits a
 * batch's rows and its token — and is killed at a random moment, twelve times. Every counter must match its rows
 * when the file is reopened, through the primary key and through the secondary index alike. (With H2's background
 * writer, which the shipped settings turn off, about one kill in eight left part of an open transaction behind.)
 */
class ReadModelFileCrashIT {

    private static final int WRITERS = 6;
    private static final int ROWS_PER_COMMIT = 20;
    private static final int KILLS = 12;

    @TempDir
    Path dir;

    @Test
    void givenSixConnectionsCommitting_whenTheJvmIsKilled_thenEveryTransactionIsWholeOrAbsent() throws Exception {
        String settings = shippedSettings();
        assertThat(settings).contains("WRITE_DELAY=0");
        Random random = new Random(20261202);
        List<String> halves = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            Path db = dir.resolve("kill-" + kill).resolve("ante");
            String url = "jdbc:h2:file:" + db + settings;
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), Writers.class.getName(), url)
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).as("the writers' first line").isEqualTo("writing");
                Thread.sleep(400 + random.nextInt(1600));
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
                for (int w = 0; w < WRITERS; w++) {
                    try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM rows_" + w + "),"
                            + " (SELECT count(*) FROM rows_" + w + " WHERE commit_no >= 0),"
                            + " (SELECT commits FROM counter WHERE writer = " + w + ")")) {
                        rs.next();
                        long expected = rs.getLong(3) * ROWS_PER_COMMIT;
                        if (rs.getLong(1) != expected || rs.getLong(2) != expected) {
                            halves.add("kill " + kill + ", writer " + w + ": " + rs.getLong(1) + " rows ("
                                    + rs.getLong(2) + " through the index) for " + rs.getLong(3) + " commits");
                        }
                    }
                }
            }
        }
        assertThat(halves).as("transactions recovered by half").isEmpty();
    }

    /** The settings after the file name in the embedded profile's read-model URL. */
    private static String shippedSettings() throws IOException {
        try (InputStream in = ReadModelFileCrashIT.class.getResourceAsStream("/application-embedded.yml")) {
            Map<String, Object> yaml = new Yaml().load(in);
            String url = (String) path(yaml, "spring", "datasource", "url");
            return url.substring(url.indexOf(';'));
        }
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> map, String... keys) {
        Object node = map;
        for (String key : keys) {
            node = ((Map<String, Object>) node).get(key);
        }
        return node;
    }

    /** The child: creates the tables, then commits from six connections until it is killed. */
    static final class Writers {

        private Writers() {
        }

        public static void main(String[] args) throws Exception {
            String url = args[0];
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE counter (writer INT PRIMARY KEY, commits BIGINT)");
                for (int w = 0; w < WRITERS; w++) {
                    st.execute("CREATE TABLE rows_" + w + " (id BIGINT PRIMARY KEY, commit_no BIGINT, pad VARCHAR(200))");
                    st.execute("CREATE INDEX rows_" + w + "_commit ON rows_" + w + " (commit_no)");
                    st.execute("INSERT INTO counter VALUES (" + w + ", 0)");
                }
            }
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                new Thread(() -> write(url, writer), "writer-" + w).start();
            }
            System.out.println("writing");
            System.out.flush();
        }

        private static void write(String url, int writer) {
            try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                c.setAutoCommit(false);
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO rows_" + writer + " VALUES (?, ?, REPEAT('x', 150))");
                PreparedStatement update = c.prepareStatement(
                        "UPDATE rows_" + writer + " SET pad = REPEAT('y', 120) WHERE id = ?");
                PreparedStatement count = c.prepareStatement(
                        "UPDATE counter SET commits = ? WHERE writer = " + writer);
                for (long commit = 1; ; commit++) {
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
                }
            } catch (SQLException e) {
                e.printStackTrace();
            }
        }
    }
}
