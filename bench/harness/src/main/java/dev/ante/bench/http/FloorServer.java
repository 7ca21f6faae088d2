package dev.ante.bench.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * What answering an HTTP request costs on this machine before any platform does anything: a JDK HTTP server in a JVM
 * of its own that reads each request's body and answers every request with the same small JSON body, the size of an
 * append's answer. Single appends are sent to it by the same client at the same rate as to the platform, so the
 * platform's latencies can be read against the machine's floor.
 */
public final class FloorServer implements AutoCloseable {

    /** An append's answer, roughly: the floor answers every request with it. */
    static final byte[] ANSWER = ("{\"stream\":\"game-floor\",\"firstRevision\":7,\"lastRevision\":7,\"position\":123456,"
            + "\"appended\":1,\"duplicates\":0,\"duplicateIndexes\":[]}").getBytes(StandardCharsets.UTF_8);

    private final Process process;
    private final URI base;

    private FloorServer(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /** Starts the floor's JVM on a free port and waits until it answers. */
    public static FloorServer start(Path log) throws IOException, InterruptedException {
        return start(log, 0);
    }

    /**
     * Starts the floor's JVM on a free port with {@code busyThreads} threads of its own that do nothing but compute,
     * at the priority its request threads have, as a rebuild's threads share the platform's process with its
     * requests; waits until it answers.
     */
    public static FloorServer start(Path log, int busyThreads) throws IOException, InterruptedException {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx128m", "-Dsun.net.httpserver.nodelay=true",
                "-cp", System.getProperty("java.class.path"), FloorServer.class.getName(), Integer.toString(port),
                Integer.toString(busyThreads)))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        URI base = URI.create("http://127.0.0.1:" + port);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                client.send(HttpRequest.newBuilder(base.resolve("/ready")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return new FloorServer(process, base);
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IOException("the floor's HTTP server did not start; see " + log, notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    /** {@code uri} sent to the floor instead: the same path and query on the floor's port. */
    public URI resolve(URI uri) {
        return base.resolve(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Never read: keeps the busy threads' arithmetic from being optimised away. */
    static volatile long sink;

    /** The floor's server: {@code FloorServer <port> [busy threads]}. */
    public static void main(String[] args) throws IOException {
        int busy = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        for (int i = 0; i < busy; i++) {
            Thread spinner = new Thread(() -> {
                long x = 1;
                while (true) {
                    for (int j = 0; j < 1_000_000; j++) {
                        x = x * 6364136223846793005L + 1442695040888963407L;
                    }
                    sink = x;
                }
            }, "busy-" + i);
            spinner.setDaemon(true);
            spinner.start();
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(args[0])), 256);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.transferTo(java.io.OutputStream.nullOutputStream());
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ANSWER.length);
            try (var out = exchange.getResponseBody()) {
                out.write(ANSWER);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }
}
