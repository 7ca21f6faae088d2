package dev.ante.api.timeseries;

import io.questdb.ServerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real QuestDB server inside Ante's process, under the data directory, bound to loopback, with
 * telemetry off, small worker pools and only errors logged. Nothing reaches it without credentials:
 * HTTP (ILP writes, {@code /exec}, the web console) and the PostgreSQL wire's admin need the admin user
 * only Ante holds, and researchers get a PostgreSQL-wire user that can only read. ILP may not create
 * tables or columns, so a dropped table is reported, not silently recreated without its keys.
 */
public class EmbeddedQuestDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedQuestDb.class);

    // QuestDB reads its own logging setup from conf/log.conf; errors only keeps Ante's log readable.
    private static final String LOG_CONF = """
            writers=stdout
            w.stdout.class=io.questdb.log.LogConsoleWriter
            w.stdout.level=ERROR
            """;

    /** Ante's defaults for the embedded server's workers (docs/benchmarks.md); overridable. */
    static final Map<String, String> TUNING = Map.of("QDB_SHARED_WORKER_COUNT", "2");

    private final Path root;
    private final String host;
    private final int httpPort;
    private final int pgPort;
    private final int queryTimeoutSeconds;
    private final QuestDbCredentials credentials;
    private final Map<String, String> serverProperties;
    private ServerMain server;

    /** Ports of 0 are replaced by free ones now, so they stay the same across stop and start. */
    public EmbeddedQuestDb(Path root, String host, int httpPort, int pgPort, int queryTimeoutSeconds,
                           QuestDbCredentials credentials, Map<String, String> serverProperties) {
        this.root = root;
        this.credentials = credentials;
        this.serverProperties = Map.copyOf(serverProperties);
        this.host = host;
        this.httpPort = httpPort == 0 ? freePort() : httpPort;
        this.pgPort = pgPort == 0 ? freePort() : pgPort;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(root.resolve("conf"));
            Path logConf = root.resolve("conf").resolve("log.conf");
            if (!Files.exists(logConf)) {
                Files.writeString(logConf, LOG_CONF);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the QuestDB directory " + root, e);
        }
        Map<String, String> env = new HashMap<>();
        // Defaults that ante.questdb.server may change: small worker pools that sleep soon when idle.
        env.putAll(TUNING);
        env.put("QDB_METRICS_ENABLED", "false");
        env.put("QDB_LOG_LEVEL_VERBOSE", "false");
        serverProperties.forEach((key, value) -> env.put(environmentName(key), value));
        // Then what Ante relies on (addresses, users, limits), which tuning cannot override.
        env.put("QDB_HTTP_BIND_TO", host + ":" + httpPort);
        env.put("QDB_PG_NET_BIND_TO", host + ":" + pgPort);
        env.put("QDB_HTTP_MIN_ENABLED", "false");
        env.put("QDB_LINE_TCP_ENABLED", "false");
        env.put("QDB_LINE_UDP_ENABLED", "false");
        env.put("QDB_TELEMETRY_ENABLED", "false");
        env.put("QDB_HTTP_USER", credentials.adminUser());
        env.put("QDB_HTTP_PASSWORD", credentials.adminPassword());
        env.put("QDB_HTTP_HEALTH_CHECK_AUTHENTICATION_REQUIRED", "true");
        env.put("QDB_PG_USER", credentials.adminUser());
        env.put("QDB_PG_PASSWORD", credentials.adminPassword());
        env.put("QDB_PG_READONLY_USER_ENABLED", "true");
        env.put("QDB_PG_READONLY_USER", credentials.readOnlyUser());
        env.put("QDB_PG_READONLY_PASSWORD", credentials.readOnlyPassword());
        env.put("QDB_LINE_AUTO_CREATE_NEW_TABLES", "false");
        env.put("QDB_LINE_AUTO_CREATE_NEW_COLUMNS", "false");
        // QuestDB 9.1 reads query.timeout last, and the server.conf it generates sets it to 1m; the older
        // query.timeout.sec is overridden by it. The environment wins over server.conf (SHOW PARAMETERS
        // reports value_source=env).
        env.put("QDB_QUERY_TIMEOUT", queryTimeoutSeconds + "s");
        ServerMain started = ServerMain.create(root.toString(), env);
        started.start();
        server = started;
        log.info("Embedded QuestDB in {}: web console http://{}:{}, PostgreSQL wire {}:{}; users in {}",
                root.toAbsolutePath(), host, httpPort, host, pgPort, QuestDbCredentials.FILE_NAME);
    }

    /** Stops the server; {@link #start()} brings it back on the same ports and data. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public synchronized boolean running() {
        return server != null;
    }

    public int httpPort() {
        return httpPort;
    }

    public int pgPort() {
        return pgPort;
    }

    @Override
    public void close() {
        stop();
    }

    /** QuestDB reads {@code server.conf} key {@code a.b-c} from the environment as {@code QDB_A_B_C}. */
    static String environmentName(String key) {
        return "QDB_" + key.trim().toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for QuestDB", e);
        }
    }
}
