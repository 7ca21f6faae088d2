package dev.ante.api.timeseries;

import dev.ante.projections.timeseries.EmbeddedServerSettings;
import io.questdb.ServerMain;
import io.questdb.network.NetworkError;
import io.questdb.cairo.CairoEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
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
        EmbeddedServerSettings.prepare(root);
        Map<String, String> env = EmbeddedServerSettings.environment(host, httpPort, pgPort,
                new EmbeddedServerSettings.Users(credentials.adminUser(), credentials.adminPassword(),
                        credentials.readOnlyUser(), credentials.readOnlyPassword()),
                queryTimeoutSeconds, serverProperties);
        ServerMain started = ServerMain.create(root.toString(), env);
        try {
            started.start();
        } catch (NetworkError e) {
            started.close();
            if (String.valueOf(e.getMessage()).contains("could not bind")) {
                throw portInUse(e);
            }
            throw e;
        }
        server = started;
        log.info("Embedded QuestDB in {}: web console http://{}:{}, PostgreSQL wire {}:{}; users in {}",
                root.toAbsolutePath(), host, httpPort, host, pgPort, QuestDbCredentials.FILE_NAME);
    }

    /** A bind failure as the port and the setting that chose it. */
    private QuestDbPortInUseException portInUse(NetworkError e) {
        String message = String.valueOf(e.getMessage());
        boolean pg = message.contains(":" + pgPort + "]") && !message.contains(":" + httpPort + "]");
        return new QuestDbPortInUseException(host + ":" + (pg ? pgPort : httpPort),
                pg ? "ante.questdb.pg-port" : "ante.questdb.http-port", e);
    }

    /** Stops the server; {@link #start()} brings it back on the same ports and data. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running server's storage engine, or null while it is stopped. */
    public synchronized CairoEngine engine() {
        return server == null ? null : server.getEngine();
    }

    public synchronized boolean running() {
        return server != null;
    }

    /** The server's root directory (its {@code conf} and {@code db}). */
    public Path root() {
        return root;
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
