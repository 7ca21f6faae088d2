package dev.ante.bench.http;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * The bytes an SQLite database occupies, read while its owner keeps writing: used pages times page size,
 * from a read-only connection, which sees the committed state including what still sits in the WAL. This
 * is what the file holds after its next checkpoint.
 */
public final class StoreSize {

    private StoreSize() {
    }

    public static long usedBytes(Path databaseFile) throws SQLException {
        try (Connection c = readOnly(databaseFile); Statement st = c.createStatement()) {
            long pageSize = single(st, "PRAGMA page_size");
            long pages = single(st, "PRAGMA page_count");
            long free = single(st, "PRAGMA freelist_count");
            return (pages - free) * pageSize;
        }
    }

    /** Whether the event store holds a compression dictionary yet (it trains one on its first events). */
    public static boolean hasDictionary(Path databaseFile) throws SQLException {
        try (Connection c = readOnly(databaseFile); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'dictionaries'")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return false;
                }
            }
            return single(st, "SELECT count(*) FROM dictionaries") > 0;
        }
    }

    /** A read-only connection that waits for the writer's locks rather than failing at once. */
    private static Connection readOnly(Path databaseFile) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5_000);
        return config.createConnection("jdbc:sqlite:" + databaseFile.toAbsolutePath());
    }

    private static long single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
