package dev.ante.infra.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The {@code dictionaries} table: every compression dictionary the store has used, never changed or removed. */
final class Dictionaries {

    private Dictionaries() {
    }

    static void createTable(Statement st) throws SQLException {
        st.executeUpdate("""
                CREATE TABLE IF NOT EXISTS dictionaries (
                    id          INTEGER PRIMARY KEY,
                    created_at  INTEGER NOT NULL,
                    dictionary  BLOB    NOT NULL
                )""");
    }

    static void loadAll(Connection c, EventCompressor compressor) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, dictionary FROM dictionaries ORDER BY id")) {
            while (rs.next()) {
                compressor.add(rs.getInt(1), rs.getBytes(2));
            }
        }
    }

    /** The dictionary with this id, or null. */
    static byte[] load(Connection c, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT dictionary FROM dictionaries WHERE id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    /** {@link #load}, for a caller that cannot throw {@link SQLException}. */
    static byte[] loadUnchecked(Connection c, int id) {
        try {
            return load(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read compression dictionary " + id + ": " + e.getMessage(), e);
        }
    }

    /** Stores a new dictionary; its id is one more than the last. */
    static int insert(Connection c, byte[] dictionary, long createdAtMicros) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dictionaries (id, created_at, dictionary)"
                + " VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM dictionaries), ?, ?) RETURNING id")) {
            ps.setLong(1, createdAtMicros);
            ps.setBytes(2, dictionary);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The data and metadata of up to {@code events} of the most recent events stored as given. */
    static List<byte[]> samples(Connection c, int events) throws SQLException {
        List<byte[]> samples = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT data, metadata FROM events WHERE codec = 0 ORDER BY position DESC LIMIT ?")) {
            ps.setInt(1, events);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    samples.add(rs.getBytes(1));
                    samples.add(rs.getBytes(2));
                }
            }
        }
        return samples;
    }
}
