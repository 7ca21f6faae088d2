package dev.ante.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ante.domain.GameId;
import dev.ante.domain.catalog.EventCatalog;
import dev.ante.domain.game.GameEvent;
import dev.ante.infra.codec.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real platform, started from its runnable jar in a child JVM over a fresh data directory, with fixed
 * API keys; and a small HTTP client for it.
 */
final class Platform implements AutoCloseable {

    static final String AGENT_KEY = "agent-key";
    static final String RESEARCHER_KEY = "researcher-key";

    private static final ObjectMapper MAPPER = EventCodec.defaultMapper();
    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123456Z");
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private long lastPosition = -1;

    private Platform(Process process, Path dataDir, Path log, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.url = "http://127.0.0.1:" + port;
    }

    /** Starts the platform jar named by the {@code ante.platform.jar} system property and waits until it is up. */
    static Platform start(Path workDir) throws IOException, InterruptedException {
        String jar = System.getProperty("ante.platform.jar");
        assertThat(jar).as("system property ante.platform.jar (set by the build)").isNotBlank();
        assertThat(Path.of(jar)).as("the platform's runnable jar").isRegularFile();
        Path dataDir = Files.createDirectories(workDir.resolve("data"));
        Path log = workDir.resolve("platform.log");
        int port = freePort();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar, "--server.port=" + port, "--ante.data-dir=" + dataDir,
                "--ante.security.agent-keys=" + AGENT_KEY, "--ante.security.researcher-keys=" + RESEARCHER_KEY,
                // The tool reads events, never the time series; without QuestDB the platform starts sooner.
                "--ante.questdb.mode=disabled",
                // The generated games occurred on fixed days in the past.
                "--ante.ingest.max-event-age=36500d")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Platform platform = new Platform(process, dataDir, log, port);
        platform.awaitUp();
        return platform;
    }

    String url() {
        return url;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Posts a game's events through the write API, in batches, and checks each was accepted. */
    void post(GameId game, List<GameEvent> events, int batch) {
        for (int from = 0; from < events.size(); from += batch) {
            ArrayNode envelopes = MAPPER.createArrayNode();
            for (int i = from; i < Math.min(events.size(), from + batch); i++) {
                ObjectNode envelope = envelopes.addObject();
                envelope.put("eventId", UUID.randomUUID().toString());
                envelope.put("type", EventCatalog.nameOf(events.get(i).getClass()));
                envelope.put("occurredAt", T0.plus(i, ChronoUnit.MILLIS).toString());
                envelope.set("data", MAPPER.valueToTree(events.get(i)));
            }
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/games/"
                            + game.value() + "/events?expectedRevision=" + (from - 1)))
                    .header("Authorization", "Bearer " + AGENT_KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(envelopes.toString()))
                    .build());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            try {
                lastPosition = Math.max(lastPosition, MAPPER.readTree(response.body()).get("position").asLong());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Waits until the game summaries, which list the games, have seen every event posted so far. */
    void awaitReadModels() {
        getJson("/api/v1/games?limit=1&minPosition=" + lastPosition);
    }

    /** GET with the researcher's key; the parsed JSON body, or an assertion failure when not 200. */
    JsonNode getJson(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + RESEARCHER_KEY)
                .GET()
                .build());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status of a GET with the researcher's key. */
    int status(String path) {
        return send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + RESEARCHER_KEY)
                .GET()
                .build()).statusCode();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void awaitUp() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the platform exited during startup:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the platform did not start within " + STARTUP.toSeconds() + " s:\n"
                + Files.readString(log));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
