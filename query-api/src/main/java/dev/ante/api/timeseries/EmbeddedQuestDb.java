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
 * telemetry off, small worker pools and only errors logged. Its web console and PostgreSQL wire port
 * stay open to researchers on this machine.
 */
public class EmbeddedQuestDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedQuestDb.class);

    // QuestDB reads its own logging setup from conf/log.conf; errors only keeps Ante's log readable.
    private static final String LOG_CONF = """
            writers=stdout
            w.stdout.class=io.questdb.log.LogConsoleWriter
            w.stdout.level=ERROR
            """;

    private final Path root;
    private final String host;
    private final int httpPort;
    private final int pgPort;
    private final int queryTimeoutSeconds;
    private ServerMain server;

    /** Ports of 0 are replaced by free ones now, so they stay the same across stop and start. */
    public EmbeddedQuestDb(Path root, String host, int httpPort, int pgPort, int queryTimeoutSeconds) {
        this.root = root;
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
        env.put("QDB_HTTP_BIND_TO", host + ":" + httpPort);
        env.put("QDB_PG_NET_BIND_TO", host + ":" + pgPort);
        env.put("QDB_HTTP_MIN_ENABLED", "false");
        env.put("QDB_LINE_TCP_ENABLED", "false");
        env.put("QDB_LINE_UDP_ENABLED", "false");
        env.put("QDB_TELEMETRY_ENABLED", "false");
        env.put("QDB_METRICS_ENABLED", "false");
        env.put("QDB_SHARED_WORKER_COUNT", "2");
        env.put("QDB_PG_READONLY_USER_ENABLED", "true");
        // QuestDB 9.1 reads query.timeout last, and the server.conf it generates sets it to 1m; the older
        // query.timeout.sec is overridden by it. The environment wins over server.conf (SHOW PARAMETERS
        // reports value_source=env).
        env.put("QDB_QUERY_TIMEOUT", queryTimeoutSeconds + "s");
        env.put("QDB_LOG_LEVEL_VERBOSE", "false");
        ServerMain started = ServerMain.create(root.toString(), env);
        started.start();
        server = started;
        log.info("Embedded QuestDB in {}: web console http://{}:{}, PostgreSQL wire {}:{} (read-only user for queries)",
                root.toAbsolutePath(), host, httpPort, host, pgPort);
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for QuestDB", e);
        }
    }
}
