package dev.ante.projections.timeseries;

import io.questdb.log.LogFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How Ante starts QuestDB inside its own process: the one place for the server's settings, used by the
 * platform's embedded mode and by the time-series benchmark, so that the benchmark measures the server the
 * platform runs. QuestDB reads them from its environment map ({@code QDB_<KEY>}) and its logging from
 * {@code conf/log.conf} under its root.
 */
public final class EmbeddedServerSettings {

    // QuestDB reads its own logging setup from conf/log.conf; errors only keeps Ante's log readable.
    private static final String LOG_CONF = """
            writers=stdout
            w.stdout.class=io.questdb.log.LogConsoleWriter
            w.stdout.level=ERROR
            """;

    /**
     * Ante's defaults for the server (docs/benchmarks.md), which server properties may change: two shared
     * workers; one thread that both applies the write-ahead logs to the tables and does the out-of-order
     * merges an apply splits into tasks (QuestDB's own default is two apply threads beside the write pool,
     * and an apply thread waits for the tasks other threads took by spinning: on two cores a fifth of the
     * platform's CPU under single appends); and column files that grow by 1 MB (symbol indexes by 256 kB)
     * instead of QuestDB's 16 MB, which it allocates for every column of every table's active partition and
     * every symbol index however few rows they hold — 2.4 GB for a few minutes of the demo, 219 MB with
     * these, at no cost in CPU per event.
     */
    public static final Map<String, String> TUNING = Map.of(
            "QDB_SHARED_WORKER_COUNT", "2",
            "QDB_SHARED_WRITE_WORKER_COUNT", "1",
            "QDB_WAL_APPLY_WORKER_COUNT", "0",
            "QDB_CAIRO_WRITER_DATA_APPEND_PAGE_SIZE", "1M",
            "QDB_CAIRO_WRITER_DATA_INDEX_VALUE_APPEND_PAGE_SIZE", "256K",
            "QDB_CAIRO_SYMBOL_TABLE_APPEND_PAGE_SIZE", "256K");

    /** Who may use the server: the admin (Ante's writers) and the read-only user (researchers' SQL). */
    public record Users(String admin, String adminPassword, String readOnly, String readOnlyPassword) {
    }

    private EmbeddedServerSettings() {
    }

    /** Creates {@code root/conf} and QuestDB's logging setup there, unless one exists already. */
    public static void prepare(Path root) {
        try {
            Files.createDirectories(root.resolve("conf"));
            Path logConf = root.resolve("conf").resolve("log.conf");
            if (!Files.exists(logConf)) {
                Files.writeString(logConf, LOG_CONF);
            }
            // QuestDB configures its logging once per JVM, when its first logger is created — which loading
            // ServerMain does before the server reads its root — and then falls back to its own verbose
            // defaults. Naming the root first makes it read the file above.
            LogFactory.configureRootDir(root.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the QuestDB directory " + root, e);
        }
    }

    /**
     * The server's environment: Ante's defaults, then {@code serverProperties} ({@code server.conf} keys),
     * then what Ante relies on — addresses, users, no table or column created by a write, the query time
     * limit — which server properties cannot override.
     */
    public static Map<String, String> environment(String host, int httpPort, int pgPort, Users users,
                                                  int queryTimeoutSeconds, Map<String, String> serverProperties) {
        Map<String, String> env = new HashMap<>(TUNING);
        env.put("QDB_METRICS_ENABLED", "false");
        env.put("QDB_LOG_LEVEL_VERBOSE", "false");
        serverProperties.forEach((key, value) -> env.put(environmentName(key), value));
        env.put("QDB_HTTP_BIND_TO", host + ":" + httpPort);
        env.put("QDB_PG_NET_BIND_TO", host + ":" + pgPort);
        env.put("QDB_HTTP_MIN_ENABLED", "false");
        env.put("QDB_LINE_TCP_ENABLED", "false");
        env.put("QDB_LINE_UDP_ENABLED", "false");
        env.put("QDB_TELEMETRY_ENABLED", "false");
        env.put("QDB_HTTP_USER", users.admin());
        env.put("QDB_HTTP_PASSWORD", users.adminPassword());
        env.put("QDB_HTTP_HEALTH_CHECK_AUTHENTICATION_REQUIRED", "true");
        env.put("QDB_PG_USER", users.admin());
        env.put("QDB_PG_PASSWORD", users.adminPassword());
        env.put("QDB_PG_READONLY_USER_ENABLED", "true");
        env.put("QDB_PG_READONLY_USER", users.readOnly());
        env.put("QDB_PG_READONLY_PASSWORD", users.readOnlyPassword());
        env.put("QDB_LINE_AUTO_CREATE_NEW_TABLES", "false");
        env.put("QDB_LINE_AUTO_CREATE_NEW_COLUMNS", "false");
        // QuestDB 9.1 reads query.timeout last, and the server.conf it generates sets it to 1m; the older
        // query.timeout.sec is overridden by it. The environment wins over server.conf (SHOW PARAMETERS
        // reports value_source=env).
        env.put("QDB_QUERY_TIMEOUT", queryTimeoutSeconds + "s");
        return env;
    }

    /** QuestDB reads {@code server.conf} key {@code a.b-c} from the environment as {@code QDB_A_B_C}. */
    public static String environmentName(String key) {
        return "QDB_" + key.trim().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
