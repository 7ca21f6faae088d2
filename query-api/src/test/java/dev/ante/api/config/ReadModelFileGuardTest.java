package dev.ante.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The marker rules of {@link ReadModelFileGuard}, on a real H2 file. */
class ReadModelFileGuardTest {

    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("readmodels").resolve("ante").toAbsolutePath();
    }

    private String url() {
        return "jdbc:h2:file:" + db() + ";MODE=PostgreSQL;RETENTION_TIME=0";
    }

    /** Writes one row into the database and closes it, as a platform that ran and stopped would leave it. */
    private void writeRow() throws Exception {
        try (Connection c = DriverManager.getConnection(url(), "ante", ""); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY)");
            st.execute("INSERT INTO t VALUES (1)");
        }
    }

    private long rows() throws Exception {
        try (Connection c = DriverManager.getConnection(url(), "ante", ""); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY)");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void marker(long pid, Instant started) throws Exception {
        Files.writeString(ReadModelFileGuard.marker(db()), "pid=" + pid + "\nstarted=" + started + "\n");
    }

    @Test
    void givenAnH2FileUrl_whenParsed_thenTheDatabasePathIsTheFileWithoutSettings() {
        assertThat(ReadModelFileGuard.database("jdbc:h2:file:/data/readmodels/ante;MODE=PostgreSQL;X=1"))
                .contains(Path.of("/data/readmodels/ante"));
        assertThat(ReadModelFileGuard.database("jdbc:h2:file:/data/ante")).contains(Path.of("/data/ante"));
        assertThat(ReadModelFileGuard.database("jdbc:postgresql://localhost/ante")).isEmpty();
        assertThat(ReadModelFileGuard.database("jdbc:h2:mem:ante")).isEmpty();
        assertThat(ReadModelFileGuard.database(null)).isEmpty();
    }

    @Test
    void givenNoMarker_whenOpening_thenTheFileIsKeptAndTheMarkerNamesThisProcess() throws Exception {
        writeRow();

        assertThat(ReadModelFileGuard.opening(db())).isFalse();

        assertThat(rows()).isEqualTo(1);
        assertThat(Files.readString(ReadModelFileGuard.marker(db())))
                .contains("pid=" + ProcessHandle.current().pid());
        ReadModelFileGuard.closed(db(), url(), "ante", "");
        assertThat(ReadModelFileGuard.marker(db())).doesNotExist();
    }

    @Test
    void givenTheMarkerOfAProcessThatIsGone_whenOpening_thenTheFileIsDeleted() throws Exception {
        writeRow();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        marker(gone.pid(), gone.info().startInstant().orElse(Instant.EPOCH));

        assertThat(ReadModelFileGuard.opening(db())).isTrue();

        assertThat(db().resolveSibling("ante.mv.db")).doesNotExist();
        assertThat(rows()).isZero();
        assertThat(Files.readString(ReadModelFileGuard.marker(db())))
                .contains("pid=" + ProcessHandle.current().pid());
        ReadModelFileGuard.closed(db(), url(), "ante", "");
    }

    @Test
    void givenAPidNowUsedByAnotherProcess_whenOpening_thenTheFileIsDeleted() throws Exception {
        // The pid of this JVM, but another start time: the pid was reused after the marker's process died.
        writeRow();
        marker(ProcessHandle.current().pid(), Instant.parse("2001-01-01T00:00:00Z"));

        assertThat(ReadModelFileGuard.opening(db())).isTrue();

        assertThat(rows()).isZero();
        ReadModelFileGuard.closed(db(), url(), "ante", "");
    }

    @Test
    void givenAnUnreadableMarker_whenOpening_thenTheFileIsDeleted() throws Exception {
        writeRow();
        Files.writeString(ReadModelFileGuard.marker(db()), "\u0000garbage", StandardCharsets.UTF_8);

        assertThat(ReadModelFileGuard.opening(db())).isTrue();

        assertThat(rows()).isZero();
        ReadModelFileGuard.closed(db(), url(), "ante", "");
    }

    @Test
    void givenTheMarkerOfAnotherLiveProcess_whenOpening_thenTheFileIsLeftAlone() throws Exception {
        writeRow();
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            marker(other.pid(), other.info().startInstant().orElseThrow());

            assertThat(ReadModelFileGuard.opening(db())).isFalse();

            assertThat(rows()).isEqualTo(1);
        } finally {
            other.destroyForcibly();
            ReadModelFileGuard.closed(db(), url(), "ante", "");
        }
    }

    @Test
    void givenTwoContextsOfThisProcess_whenTheFirstCloses_thenTheMarkerStaysUntilTheLast() throws Exception {
        writeRow();
        assertThat(ReadModelFileGuard.opening(db())).isFalse();
        assertThat(ReadModelFileGuard.opening(db())).isFalse();
        try (Connection second = DriverManager.getConnection(url(), "ante", "")) {
            ReadModelFileGuard.closed(db(), url(), "ante", "");

            assertThat(ReadModelFileGuard.marker(db())).exists();
            try (Statement st = second.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the second context's connection still works").isEqualTo(1);
            }
        }
        ReadModelFileGuard.closed(db(), url(), "ante", "");

        assertThat(ReadModelFileGuard.marker(db())).doesNotExist();
        assertThat(ReadModelFileGuard.opening(db())).isFalse();
        assertThat(rows()).as("a clean close keeps the read models").isEqualTo(1);
        ReadModelFileGuard.closed(db(), url(), "ante", "");
    }

    @Test
    void givenACleanClose_whenAnOpenConnectionIsLeft_thenTheDatabaseIsShutDownBeforeTheMarkerGoes() throws Exception {
        assertThat(ReadModelFileGuard.opening(db())).isFalse();
        Connection leftOpen = DriverManager.getConnection(url(), "ante", "");
        try (Statement st = leftOpen.createStatement()) {
            st.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            st.execute("INSERT INTO t VALUES (1)");
        }

        ReadModelFileGuard.closed(db(), url(), "ante", "");

        assertThat(leftOpen.isClosed() || !leftOpen.isValid(1)).as("the database was shut down").isTrue();
        assertThat(ReadModelFileGuard.marker(db())).doesNotExist();
        assertThat(rows()).isEqualTo(1);
    }
}
