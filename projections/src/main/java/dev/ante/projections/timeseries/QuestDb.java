package dev.ante.projections.timeseries;

import io.questdb.cairo.CairoEngine;
import io.questdb.client.Sender;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How Ante talks to QuestDB: ILP over HTTP for writes (one {@link Sender} per writer, explicit flushes),
 * PostgreSQL wire for schema changes (the admin user) and for researchers' queries (the read-only user).
 */
public final class QuestDb {

    private static final Logger log = LoggerFactory.getLogger(QuestDb.class);

    /**
     * Where QuestDB listens and who Ante is there.
     *
     * @param ttlDays how long rows are kept, counted back from the newest row of each table
     */
    public record Endpoint(String host, int httpPort, int pgPort, String user, String password,
                           String readOnlyUser, String readOnlyPassword, int ttlDays) {

        public String httpAddress() {
            return host + ":" + httpPort;
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + pgPort + "/qdb";
        }
    }

    private final Endpoint endpoint;
    private final Supplier<CairoEngine> engine;

    public QuestDb(Endpoint endpoint) {
        this(endpoint, () -> null);
    }

    /**
     * A QuestDB that runs in this process: {@code engine} gives its storage engine while it runs (null while
     * it is stopped), and the time-series writers append rows to its tables' WAL directly instead of
     * encoding them as ILP and sending them over HTTP to the same process. Reads still go over the wire.
     */
    public QuestDb(Endpoint endpoint, Supplier<CairoEngine> engine) {
        this.endpoint = endpoint;
        this.engine = engine;
    }

    /** The storage engine of a QuestDB running in this process, or null (a remote server, or stopped). */
    CairoEngine engine() {
        return engine.get();
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /**
     * A new ILP-over-HTTP sender; rows go out only on {@link Sender#flush()}. Its own retries stay short
     * because the processor above it backs off and retries whole batches.
     */
    public Sender newSender() {
        StringBuilder config = new StringBuilder("http::addr=").append(endpoint.httpAddress())
                .append(";auto_flush=off;retry_timeout=1000;request_timeout=10000;");
        if (endpoint.user() != null && !endpoint.user().isBlank()) {
            // ';' separates settings in the configuration string; a doubled one is a literal ';'.
            config.append("username=").append(endpoint.user().replace(";", ";;")).append(";password=")
                    .append(endpoint.password().replace(";", ";;")).append(';');
        }
        return Sender.fromConfig(config);
    }

    public Connection admin() throws SQLException {
        return connect(endpoint.user(), endpoint.password());
    }

    public Connection readOnly() throws SQLException {
        return connect(endpoint.readOnlyUser(), endpoint.readOnlyPassword());
    }

    /**
     * A read-only connection for results of unknown size: the driver refuses to buffer more than
     * {@code maxResultBufferBytes} of one fetch, and sizes later fetches from the rows it has seen. Rows
     * are fetched in pages only with autocommit off and a fetch size set on the statement.
     */
    public Connection readOnly(long maxResultBufferBytes) throws SQLException {
        Properties extra = new Properties();
        extra.setProperty("maxResultBuffer", Long.toString(maxResultBufferBytes));
        extra.setProperty("adaptiveFetch", "true");
        return connect(endpoint.readOnlyUser(), endpoint.readOnlyPassword(), extra);
    }

    private Connection connect(String user, String password) throws SQLException {
        return connect(user, password, new Properties());
    }

    private Connection connect(String user, String password, Properties extra) throws SQLException {
        Properties props = new Properties();
        props.putAll(extra);
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", "60");
        // QuestDB's wire protocol does not support server-side prepared statement caching beyond simple ones.
        props.setProperty("prepareThreshold", "0");
        return DriverManager.getConnection(endpoint.jdbcUrl(), props);
    }

    /**
     * Brings the schema to the newest version, recording each applied version in QuestDB itself, then
     * creates any of Ante's tables that has gone missing (dropped by hand, say) so writes can go on; such
     * a table starts empty, which the log says, and a replay of its processor refills it.
     */
    public void migrate() throws SQLException {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS ante_schema_version (applied_at TIMESTAMP, version INT, "
                    + "description VARCHAR) TIMESTAMP(applied_at) PARTITION BY YEAR WAL");
            int current = currentVersion(c);
            for (SeriesSchema.Migration migration : SeriesSchema.migrations(endpoint.ttlDays())) {
                if (migration.version() <= current) {
                    continue;
                }
                for (String statement : migration.statements()) {
                    st.execute(statement);
                }
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO ante_schema_version (applied_at, version, description) VALUES (now(), ?, ?)")) {
                    insert.setInt(1, migration.version());
                    insert.setString(2, migration.description());
                    insert.executeUpdate();
                }
                log.info("QuestDB schema migrated to version {} ({})", migration.version(), migration.description());
            }
            List<String> existing = tableNames(c);
            for (SeriesSchema.Table table : SeriesSchema.ALL) {
                if (!existing.contains(table.name())) {
                    st.execute(table.createStatement(endpoint.ttlDays()));
                    log.warn("QuestDB table {} was missing and has been created empty; replay its processor to refill it",
                            table.name());
                }
            }
        }
    }

    /**
     * Drops {@code tables} and creates them again exactly as Ante defines them, so a replay restores keys
     * and retention that someone may have changed, not only the rows.
     */
    public void recreate(List<SeriesSchema.Table> tables) throws SQLException {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            for (SeriesSchema.Table table : tables) {
                st.execute("DROP TABLE IF EXISTS " + table.name());
                st.execute(table.createStatement(endpoint.ttlDays()));
            }
        }
    }

    /**
     * What is wrong with Ante's tables in QuestDB: missing, not WAL, without their dedup keys or designated
     * timestamp, or with columns missing or of another type. Empty when every table is as Ante made it.
     */
    public List<String> schemaProblems() throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Connection c = admin()) {
            Map<String, Boolean[]> tables = new HashMap<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT table_name, walEnabled, dedup, designatedTimestamp FROM tables()")) {
                while (rs.next()) {
                    tables.put(rs.getString(1), new Boolean[] {rs.getBoolean(2), rs.getBoolean(3),
                            "ts".equals(rs.getString(4))});
                }
            }
            for (SeriesSchema.Table table : SeriesSchema.ALL) {
                Boolean[] flags = tables.get(table.name());
                if (flags == null) {
                    problems.add(table.name() + " is missing");
                    continue;
                }
                if (!flags[0]) {
                    problems.add(table.name() + " is not a WAL table");
                }
                if (!flags[1]) {
                    problems.add(table.name() + " has no DEDUP keys");
                }
                if (!flags[2]) {
                    problems.add(table.name() + " is not designated by ts");
                }
                columnProblems(c, table, problems);
            }
        }
        return problems;
    }

    private static void columnProblems(Connection c, SeriesSchema.Table table, List<String> problems)
            throws SQLException {
        Map<String, String> expected = table.types();
        List<String> keys = new ArrayList<>();
        // table_columns() takes a constant only; the name is one of Ante's own.
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT \"column\", type, upsertKey FROM table_columns('"
                    + table.name() + "')")) {
                while (rs.next()) {
                    String column = rs.getString(1);
                    String want = expected.remove(column);
                    if (want != null && !want.equalsIgnoreCase(rs.getString(2))) {
                        problems.add(table.name() + "." + column + " is " + rs.getString(2) + ", not " + want);
                    }
                    if (rs.getBoolean(3)) {
                        keys.add(column);
                    }
                }
            }
        }
        expected.keySet().forEach(column -> problems.add(table.name() + "." + column + " is missing"));
        if (keys.isEmpty()) {
            // QuestDB's tables() may still show the dedup flag for a moment after it was turned off, while
            // table_columns() already shows no keys: either view says the same thing.
            String none = table.name() + " has no DEDUP keys";
            if (!problems.contains(none)) {
                problems.add(none);
            }
        } else if (!new HashSet<>(keys).equals(new HashSet<>(table.upsertKeys()))) {
            problems.add(table.name() + " deduplicates on " + keys + ", not " + table.upsertKeys());
        }
    }

    private static List<String> tableNames(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT table_name FROM tables()")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static int currentVersion(Connection c) throws SQLException {
        // The version table is a WAL table too: wait for its own writes before trusting a read.
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT max(version) FROM ante_schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** True when QuestDB answers a trivial query within a few seconds. */
    public boolean reachable() {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.setQueryTimeout(3);
            try (ResultSet rs = st.executeQuery("SELECT 1")) {
                return rs.next();
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** Row count of {@code table} once its WAL has been applied (tests and benchmarks). */
    public long count(String table, Duration wait) throws SQLException, InterruptedException {
        awaitApplied(List.of(table), wait);
        try (Connection c = admin(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count() FROM '" + table.replace("'", "") + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Each WAL table's last committed transaction, applied or not. */
    public Map<String, Long> committedTransactions() throws SQLException {
        Map<String, Long> txns = new TreeMap<>();
        try (Connection c = admin(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name, sequencerTxn FROM wal_tables()")) {
            while (rs.next()) {
                txns.put(rs.getString(1), rs.getLong(2));
            }
        }
        return txns;
    }

    /**
     * Waits until every table of {@code txns} has applied at least its transaction there.
     *
     * @return the tables still behind when {@code wait} ran out, with how far they had got; empty once all applied
     */
    public Map<String, Long> awaitApplied(Map<String, Long> txns, Duration wait) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        try (Connection c = admin()) {
            while (true) {
                Map<String, Long> behind = new TreeMap<>();
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT name, writerTxn FROM wal_tables()")) {
                    while (rs.next()) {
                        Long wanted = txns.get(rs.getString(1));
                        if (wanted != null && rs.getLong(2) < wanted) {
                            behind.put(rs.getString(1), rs.getLong(2));
                        }
                    }
                }
                if (behind.isEmpty() || System.nanoTime() > deadline) {
                    return behind;
                }
                Thread.sleep(20);
            }
        }
    }

    /** Waits until every WAL transaction of {@code tables} is visible to queries. */
    public void awaitApplied(List<String> tables, Duration wait) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        try (Connection c = admin()) {
            while (true) {
                boolean applied = true;
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT name, writerTxn, sequencerTxn FROM wal_tables()")) {
                    while (rs.next()) {
                        if (tables.contains(rs.getString(1)) && rs.getLong(2) < rs.getLong(3)) {
                            applied = false;
                        }
                    }
                }
                if (applied || System.nanoTime() > deadline) {
                    return;
                }
                Thread.sleep(20);
            }
        }
    }
}
