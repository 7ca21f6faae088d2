package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.api.read.PositionWaits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Requests that wait hold no thread and are bounded: reads waiting for a minPosition, and bodies that
 * arrive a byte a second. Tomcat runs with few threads here, so anything holding one would show.
 */
@TestPropertySource(properties = {
        "server.tomcat.threads.max=12",
        "ante.reads.max-position-waiters=20",
        "ante.reads.max-position-wait=60s",
        "ante.ingest.body-grace=1s"})
class BoundedWaitingIT extends ApiTestBase {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @DynamicPropertySource
    static void readModels(DynamicPropertyRegistry registry) {
        DataDirs.ownReadModels(registry, "ante-waiting-rm-");
    }

    @Autowired
    PositionWaits waits;

    @Test
    void givenMoreMinPositionWaitersThanAllowed_whenTheyWait_thenTheRestGet503AndOtherRequestsAreServed()
            throws Exception {
        String id = "waiting-" + UUID.randomUUID();
        assertThat(http.postJson("/api/v1/games/" + id + "/events", AGENT, List.of(Games.started())).status())
                .isEqualTo(200);
        long next = store.headPosition() + 1;
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String path = i % 2 == 0 ? "/api/v1/games/" + id + "/state?minPosition=" + next
                    : "/api/v1/stats/antes?minPosition=" + next;
            waiting.add(async(http.builder(path, RESEARCHER).GET().build()));
        }
        while (waits.waiting() < 20) {
            Thread.sleep(10);
        }

        // More waiters than the cap ask in vain; more than Tomcat's 12 threads are in flight.
        for (int i = 0; i < 5; i++) {
            Http.Response refused = http.get("/api/v1/synergies?minPosition=" + next, RESEARCHER);
            assertThat(refused.status()).as(refused.text()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("1");
            assertThat(refused.json().get("errors").get(0).get("message").asText())
                    .contains("reads are waiting for a minPosition");
        }
        // Reads without a wait, and writes, are served meanwhile.
        assertThat(http.get("/api/v1/games/" + id + "/state", RESEARCHER).status()).isEqualTo(200);
        assertThat(http.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
        Http.Response write = http.postJson("/api/v1/games/" + id + "/events", AGENT, List.of(Games.blind(1, "SMALL")));
        assertThat(write.status()).as(write.text()).isEqualTo(200);

        // The write reached the position they wait for: each answers, fresh.
        for (CompletableFuture<HttpResponse<String>> response : waiting) {
            HttpResponse<String> r = response.get();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("Ante-Position-Not-Reached")).isEmpty();
        }
        assertThat(MAPPER.readTree(waiting.get(0).get().body()).get("revision").asLong()).isEqualTo(1);
        assertThat(waits.waiting()).isZero();
    }

    @Test
    void givenFiftyClientsSendingAByteASecond_whenAnAgentPosts_thenItIsServedAndTheSlowOnesGet408() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(50);
        List<Future<String>> slow = new ArrayList<>();
        String body = MAPPER.writeValueAsString(List.of(Games.started()));
        for (int i = 0; i < 50; i++) {
            String path = i % 2 == 0 ? "/api/v1/games/slow-" + i + "/events" : "/api/v1/events";
            String type = i % 2 == 0 ? "application/json" : "application/x-ndjson";
            slow.add(clients.submit(() -> slowPost(path, type, body)));
        }

        String id = "fast-" + UUID.randomUUID();
        Http.Response fast = http.postJson("/api/v1/games/" + id + "/events", AGENT, List.of(Games.started()));
        assertThat(fast.status()).as(fast.text()).isEqualTo(200);

        for (Future<String> response : slow) {
            String answer = response.get();
            assertThat(answer).startsWith("HTTP/1.1 408");
            assertThat(answer).contains("the request body was cut off").contains("nothing was written");
        }
        clients.shutdown();
        for (int i = 0; i < 50; i += 2) {
            assertThat(store.lastRevision("game-slow-" + i)).isEmpty();
        }
        assertThat(http.postJson("/api/v1/games/" + id + "/events", AGENT, List.of(Games.blind(1, "SMALL"))).status())
                .isEqualTo(200);
    }

    /** Sends a valid request's headers, then its body a byte a second; answers what the server said. */
    private String slowPost(String path, String contentType, String body) throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + AGENT
                    + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < bytes.length && in.available() == 0; i++) {
                try {
                    out.write(bytes[i]);
                    out.flush();
                } catch (IOException e) {
                    break; // the server closed the connection after answering
                }
                Thread.sleep(1000);
            }
            StringBuilder answer = new StringBuilder();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                answer.append(line).append('\n');
                if (line.startsWith("{")) {
                    break;
                }
            }
            return answer.toString();
        }
    }

    private CompletableFuture<HttpResponse<String>> async(HttpRequest request) {
        return java.net.http.HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
