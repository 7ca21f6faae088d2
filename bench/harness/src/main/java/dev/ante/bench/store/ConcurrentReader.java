package dev.ante.bench.store;

import dev.ante.infra.store.sqlite.SqliteStreamStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The second process of the read-while-writing check: opens the database another JVM is writing to and
 * counts its events a few times. Prints {@code COUNT <n>} per look, or {@code FAILED <reason>} and exits 2.
 */
final class ConcurrentReader {

    private static final int LOOKS = 6;
    private static final long PAUSE_MS = 300;

    private ConcurrentReader() {
    }

    static void run(String[] args) throws Exception {
        String kind = args[0];
        Path dir = Path.of(args[1]);
        try {
            if (kind.equals("store")) {
                try (SqliteStreamStore store = SqliteStreamStore.openReadOnly(dir)) {
                    for (int i = 0; i < LOOKS; i++) {
                        // Positions are dense in this store, so the head is the number of events.
                        System.out.println("COUNT " + (store.headPosition()));
                        Thread.sleep(PAUSE_MS);
                    }
                }
                return;
            }
            try (Connection c = kind.equals("sqlite")
                    ? JdbcCandidate.openSqlite(dir, null, true)
                    : DriverManager.getConnection(JdbcCandidate.h2Url(dir, args[2]))) {
                for (int i = 0; i < LOOKS; i++) {
                    try (Statement st = c.createStatement();
                         ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM events")) {
                        rs.next();
                        System.out.println("COUNT " + rs.getLong(1));
                    }
                    Thread.sleep(PAUSE_MS);
                }
            }
        } catch (SQLException | RuntimeException e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            System.out.println("FAILED " + e.getClass().getSimpleName() + ": " + message);
            System.exit(2);
        }
    }
}
