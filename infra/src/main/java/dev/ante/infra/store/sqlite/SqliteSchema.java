package dev.ante.infra.store.sqlite;

import dev.ante.infra.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The event store's tables, by schema version ({@code PRAGMA user_version}):
 * <ol>
 *   <li>streams, events (type names as text, data and metadata as given), snapshots;</li>
 *   <li>events refer to an {@code event_types} row by a small integer, name the codec their data and
 *       metadata are stored with (see {@link EventRows}); {@code dictionaries} holds the compression
 *       dictionaries.</li>
 * </ol>
 * A read-write open creates the current schema or migrates an older one in one transaction; a read-only
 * open reads versions 1 and 2 as they are.
 */
final class SqliteSchema {

    static final int VERSION = 2;

    private static final String EVENTS = """
            CREATE TABLE events (
                position    INTEGER PRIMARY KEY,
                stream_id   INTEGER NOT NULL REFERENCES streams (id),
                revision    INTEGER NOT NULL,
                event_id    BLOB    NOT NULL,
                type_id     INTEGER NOT NULL REFERENCES event_types (id),
                codec       INTEGER NOT NULL,
                data        BLOB    NOT NULL,
                metadata    BLOB    NOT NULL,
                recorded_at INTEGER NOT NULL,
                UNIQUE (stream_id, revision)
            )""";

    private SqliteSchema() {
    }

    /** The columns {@link EventRows#read} expects, in its order, for a store of {@code version}. */
    static String eventColumns(int version) {
        return version >= 2
                ? "e.position, e.revision, e.event_id, e.type_id, e.codec, e.data, e.metadata, e.recorded_at"
                : "e.position, e.revision, e.event_id, e.type, 0, e.data, e.metadata, e.recorded_at";
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static StoreUnavailableException newer(int version) {
        return new StoreUnavailableException("the event store has schema version " + version
                + ", newer than this build understands (" + VERSION + ")", null);
    }

    /** Creates the schema, or migrates an older one to it, in one transaction. */
    static void createOrMigrate(Connection c) throws SQLException {
        int version = userVersion(c);
        if (version > VERSION) {
            throw newer(version);
        }
        if (version == VERSION) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            try {
                if (version == 0 && !exists(st, "events")) {
                    create(st);
                } else {
                    migrateFromVersion1(st);
                }
                st.executeUpdate("PRAGMA user_version = " + VERSION);
                st.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                st.execute("ROLLBACK");
                throw e;
            }
        }
    }

    private static void create(Statement st) throws SQLException {
        st.executeUpdate("""
                CREATE TABLE streams (
                    id            INTEGER PRIMARY KEY,
                    name          TEXT    NOT NULL UNIQUE,
                    last_revision INTEGER NOT NULL
                )""");
        createEventTypes(st);
        st.executeUpdate(EVENTS);
        Dictionaries.createTable(st);
        st.executeUpdate("""
                CREATE TABLE snapshots (
                    stream      TEXT    PRIMARY KEY,
                    revision    INTEGER NOT NULL,
                    event_id    BLOB    NOT NULL,
                    type        TEXT    NOT NULL,
                    data        BLOB    NOT NULL,
                    metadata    BLOB    NOT NULL,
                    recorded_at INTEGER NOT NULL
                )""");
    }

    /**
     * Rewrites the events table with type ids and codecs; the events keep their positions, revisions and
     * bytes (stored as given: codec 0). Takes about as long as copying the file.
     */
    private static void migrateFromVersion1(Statement st) throws SQLException {
        createEventTypes(st);
        st.executeUpdate("INSERT INTO event_types (name) SELECT type FROM events GROUP BY type ORDER BY MIN(position)");
        st.executeUpdate("ALTER TABLE events RENAME TO events_version_1");
        st.executeUpdate(EVENTS);
        st.executeUpdate("INSERT INTO events (position, stream_id, revision, event_id, type_id, codec, data, metadata,"
                + " recorded_at) SELECT e.position, e.stream_id, e.revision, e.event_id, t.id, 0, e.data, e.metadata,"
                + " e.recorded_at FROM events_version_1 e JOIN event_types t ON t.name = e.type ORDER BY e.position");
        st.executeUpdate("DROP TABLE events_version_1");
        Dictionaries.createTable(st);
    }

    private static void createEventTypes(Statement st) throws SQLException {
        st.executeUpdate("""
                CREATE TABLE event_types (
                    id   INTEGER PRIMARY KEY,
                    name TEXT    NOT NULL UNIQUE
                )""");
    }

    private static boolean exists(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + table
                + "'")) {
            return rs.next();
        }
    }
}
