package dev.ante.bench.timeseries;

import dev.ante.projections.timeseries.EmbeddedServerSettings;
import dev.ante.projections.timeseries.QuestDb;
import io.questdb.ServerMain;
import io.questdb.cairo.CairoEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The platform's own embedded QuestDB server, with its settings and the benchmarks' fixed users, in a temporary
 * directory that closing removes.
 */
final class BenchQuestDb implements AutoCloseable {

    private final Path dir;
    private final ServerMain server;
    private final QuestDb.Endpoint endpoint;

    private BenchQuestDb(Path dir, ServerMain server, QuestDb.Endpoint endpoint) {
        this.dir = dir;
        this.server = server;
        this.endpoint = endpoint;
    }

    /** Starts a server under a new directory named {@code prefix…}, with {@code properties} as server.conf keys. */
    static BenchQuestDb start(String prefix, int queryTimeoutSeconds, Map<String, String> properties)
            throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Path root = dir.resolve("questdb");
        EmbeddedServerSettings.prepare(root);
        int httpPort = freePort();
        int pgPort = freePort();
        Map<String, String> env = EmbeddedServerSettings.environment("127.0.0.1", httpPort, pgPort,
                new EmbeddedServerSettings.Users("admin", "quest", "user", "quest"), queryTimeoutSeconds, properties);
        ServerMain server = ServerMain.create(root.toString(), env);
        server.start();
        return new BenchQuestDb(dir, server, new QuestDb.Endpoint("127.0.0.1", httpPort, pgPort, "admin", "quest",
                "user", "quest", 30));
    }

    /** The directory the server's files live under; other stores of a benchmark may go beside them. */
    Path dir() {
        return dir;
    }

    Path dbRoot() {
        return dir.resolve("questdb").resolve("db");
    }

    QuestDb.Endpoint endpoint() {
        return endpoint;
    }

    CairoEngine engine() {
        return server.getEngine();
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
