package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged platform under the JVM options it ships with ({@code deploy/jvm.options}: 1 GB heap, exit
 * on OutOfMemoryError), in a child JVM, against requests whose bodies would each expand many times over
 * if they were held as trees. It must stay up, record what is valid, and refuse the rest precisely.
 */
class ShippedHeapIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String AGENT = "agent-key";
    private static final String RESEARCHER = "researcher-key";
    private static final String ADMIN = "admin-key";
    private static final int MB = 1024 * 1024;

    @TempDir
    Path dataDir;

    private Process app;
    private Path log;

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null) {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void givenEightPaddedNdjsonBodiesAndManyPaddedBatchesAtOnce_whenPosted_thenThePlatformStaysUpAndRecordsThem()
            throws Exception {
        // The shipped line limit (1 MB) would refuse these lines before their pad; lift it so the pad is parsed.
        Http http = start("--ante.questdb.mode=disabled", "--ante.ingest.max-ndjson-line-bytes=16MB");
        try {
            ExecutorService clients = Executors.newFixedThreadPool(40);
            List<Future<Http.Response>> ndjson = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                byte[] body = paddedNdjson("ndjson-pad-" + i, 16 * MB - 4096);
                ndjson.add(clients.submit(() -> http.post("/api/v1/events", AGENT, "application/x-ndjson", body)));
            }
            byte[] batch = paddedBatch(2 * MB - 4096);
            List<Future<Http.Response>> batches = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String path = "/api/v1/games/batch-pad-" + i + "/events";
                batches.add(clients.submit(() -> http.post(path, AGENT, "application/json", batch)));
            }
            for (int i = 0; i < ndjson.size(); i++) {
                assertRecordedOrRefused(http, ndjson.get(i).get(), "ndjson-pad-" + i);
            }
            for (int i = 0; i < batches.size(); i++) {
                assertRecordedOrRefused(http, batches.get(i).get(), "batch-pad-" + i);
            }
            clients.shutdown();

            assertThat(app.isAlive()).as("the platform exited").isTrue();
            assertThat(http.get("/actuator/health", null).status()).isEqualTo(200);
            Http.Response normal = http.postJson("/api/v1/games/after-pads/events", AGENT, Games.shortGame(2));
            assertThat(normal.status()).as(normal.text()).isEqualTo(200);
            Http.Response state = http.get("/api/v1/games/after-pads/state?minPosition="
                    + normal.json().get("position").asLong(), RESEARCHER);
            assertThat(state.status()).isEqualTo(200);
            assertThat(state.json().get("status").asText()).isEqualTo("WON");
            System.out.println("ShippedHeapIT: " + heap(http));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n--- platform log (last lines) ---\n" + tail(), e);
        }
    }

    @Test
    void givenASqlQueryWithHugeRows_whenRun_thenTheAnswerIsBoundedAndThePlatformStaysUp() throws Exception {
        Http http = start("--ante.questdb.mode=embedded", "--ante.questdb.http-port=0", "--ante.questdb.pg-port=0");
        try {
            Http.Response sql = http.postJson("/api/v1/sql", RESEARCHER, Map.of(
                    "query", "SELECT rpad('a',100000,'b') s FROM long_sequence(10000)", "limit", 10000));

            assertThat(sql.status()).as(sql.text()).isEqualTo(200);
            assertThat(sql.json().get("truncated").asBoolean()).isTrue();
            assertThat(app.isAlive()).as("the platform exited").isTrue();
            assertThat(http.get("/actuator/health", null).status()).isEqualTo(200);
            Http.Response normal = http.postJson("/api/v1/games/after-sql/events", AGENT, Games.shortGame(1));
            assertThat(normal.status()).as(normal.text()).isEqualTo(200);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n--- platform log (last lines) ---\n" + tail(), e);
        }
    }

    /** 200 with the game recorded, or a precise refusal (503 with Retry-After) with nothing recorded. */
    private static void assertRecordedOrRefused(Http http, Http.Response response, String gameId) {
        Http.Response state = http.get("/api/v1/games/" + gameId + "/state", RESEARCHER);
        if (response.status() == 200) {
            assertThat(state.status()).as(gameId).isEqualTo(200);
            assertThat(state.json().get("agentId").asText()).isEqualTo("agent-1");
        } else {
            assertThat(response.status()).as(gameId + ": " + response.text()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).as(gameId).isPresent();
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(state.status()).as(gameId).isEqualTo(404);
        }
    }

    /** One NDJSON line: a valid GameStarted whose ignored "pad" of {"a":1} objects fills the body. */
    private static byte[] paddedNdjson(String gameId, int size) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>(Games.started());
        line.put("gameId", gameId);
        return padded(MAPPER.writeValueAsString(line), size, "\n");
    }

    /** A JSON array of one valid GameStarted whose ignored "pad" fills the body. */
    private static byte[] paddedBatch(int size) throws IOException {
        return padded("[" + MAPPER.writeValueAsString(Games.started()), size, "]");
    }

    private static byte[] padded(String envelope, int size, String end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 64);
        byte[] head = (envelope.substring(0, envelope.lastIndexOf('}')) + ",\"pad\":[{\"a\":1}")
                .getBytes(StandardCharsets.UTF_8);
        out.writeBytes(head);
        byte[] element = ",{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("]}" + end).getBytes(StandardCharsets.UTF_8);
        while (out.size() + element.length + tail.length <= size) {
            out.writeBytes(element);
        }
        out.writeBytes(tail);
        return out.toByteArray();
    }

    private static String heap(Http http) {
        Http.Response metrics = http.get("/actuator/prometheus", ADMIN);
        return metrics.text().lines().filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\"")
                || l.startsWith("jvm_memory_max_bytes{area=\"heap\"")).toList().toString();
    }

    private Http start(String... args) throws IOException, InterruptedException {
        Path root = repositoryRoot();
        Path jar = root.resolve("query-api/target/ante.jar");
        assertThat(jar).as("the packaged jar (mvn package)").exists();
        int port = freePort();
        log = dataDir.resolve("app.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + root.resolve("deploy/jvm.options"), "-jar", jar.toString(),
                "--server.port=" + port, "--ante.data-dir=" + dataDir, "--ante.security.agent-keys=" + AGENT,
                "--ante.security.researcher-keys=" + RESEARCHER, "--ante.security.admin-keys=" + ADMIN,
                // The posted games are dated on fixed days in the past (the jar does not read the tests' config).
                "--ante.ingest.max-event-age=36500d"));
        command.addAll(List.of(args));
        app = new ProcessBuilder(command).directory(dataDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Http http = new Http(port);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(app.isAlive()).as("the platform exited during startup:\n" + tail()).isTrue();
            try {
                if (http.get("/actuator/health", null).status() == 200) {
                    return http;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the platform did not start within 120 s:\n" + tail());
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("deploy/jvm.options"))) {
                return dir;
            }
        }
        throw new IllegalStateException("deploy/jvm.options not found above " + Path.of("").toAbsolutePath());
    }

    private String tail() {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - 60), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
