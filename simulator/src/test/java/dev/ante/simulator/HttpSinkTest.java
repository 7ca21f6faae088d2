package dev.ante.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.ante.domain.game.BlindType;
import dev.ante.domain.game.CardsDiscarded;
import dev.ante.domain.learning.MetricRecorded;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink against a stand-in server that records requests and answers from a script. */
class HttpSinkTest {

    private record Received(String method, String path, String query, String authorization, String contentType,
                            String body) {
    }

    private HttpServer server;
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private final Queue<String> bodies = new ConcurrentLinkedQueue<>();
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            Integer status = statuses.poll();
            String answer = bodies.poll();
            byte[] bytes = (answer == null ? "{}" : answer).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status == null ? 200 : status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void givenABatchLargerThanMaxBatch_whenSentAsJson_thenItIsSplitInOrderWithTheBearerKey() throws IOException {
        HttpSink sink = HttpSink.builder(base, "k-1").maxBatch(2).build();

        sink.send(new StreamBatch(StreamRef.game("g-1"), discards(5)));

        List<Received> requests = new ArrayList<>(received);
        assertThat(requests).hasSize(3).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/api/v1/games/g-1/events");
            assertThat(r.authorization()).isEqualTo("Bearer k-1");
            assertThat(r.contentType()).isEqualTo("application/json");
        });
        List<String> ids = new ArrayList<>();
        for (Received r : requests) {
            JsonNode array = EnvelopeJson.mapper().readTree(r.body());
            array.forEach(e -> ids.add(e.get("eventId").asText()));
            assertThat(array.get(0).fieldNames()).toIterable().containsExactly("eventId", "type", "occurredAt", "data");
        }
        assertThat(ids).containsExactly(discards(5).stream().map(e -> e.eventId().toString()).toArray(String[]::new));
        assertThat(sink.requests()).isEqualTo(3);
        assertThat(sink.events()).isEqualTo(5);
    }

    @Test
    void givenBatchesOfTwoStreams_whenSentAsNdjson_thenOneRequestNamesEachLinesStream() throws IOException {
        bodies.add("{\"results\": [], \"conflicts\": []}");
        HttpSink sink = HttpSink.builder(base, "k-1").format(HttpSink.Format.NDJSON).build();

        sink.send(new StreamBatch(StreamRef.game("g-1"), discards(2)));
        sink.send(new StreamBatch(StreamRef.learning("run-1"), List.of(Envelope.of(UUID.randomUUID(), Instant.EPOCH,
                new MetricRecorded(1, "loss", 0.5, null)))));
        sink.flush();

        assertThat(received).hasSize(1);
        Received r = received.peek();
        assertThat(r.path()).isEqualTo("/api/v1/events");
        assertThat(r.contentType()).isEqualTo("application/x-ndjson");
        String[] lines = r.body().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(EnvelopeJson.mapper().readTree(lines[0]).get("gameId").asText()).isEqualTo("g-1");
        assertThat(EnvelopeJson.mapper().readTree(lines[2]).get("runId").asText()).isEqualTo("run-1");
        assertThat(EnvelopeJson.mapper().readTree(lines[2]).get("data").has("strategyId")).isFalse();
    }

    @Test
    void givenABackfillSink_whenSentAsJsonAndNdjson_thenEveryRequestSaysBackfillAndAPlainSinkDoesNot() {
        bodies.add("{}");
        bodies.add("{\"results\": [], \"conflicts\": []}");
        HttpSink json = HttpSink.builder(base, "k-1").backfill(true).build();
        HttpSink ndjson = HttpSink.builder(base, "k-1").format(HttpSink.Format.NDJSON).backfill(true).build();
        HttpSink plain = HttpSink.builder(base, "k-1").build();

        json.send(new StreamBatch(StreamRef.game("g-1"), discards(2)));
        ndjson.send(new StreamBatch(StreamRef.game("g-2"), discards(2)));
        ndjson.flush();
        plain.send(new StreamBatch(StreamRef.game("g-3"), discards(2)));

        assertThat(received).extracting(Received::path, Received::query).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/api/v1/games/g-1/events", "backfill=true"),
                org.assertj.core.groups.Tuple.tuple("/api/v1/events", "backfill=true"),
                org.assertj.core.groups.Tuple.tuple("/api/v1/games/g-3/events", null));
    }

    @Test
    void givenTheServerIsBrieflyUnavailable_whenSent_thenTheSameRequestIsRetried() {
        statuses.add(503);
        HttpSink sink = HttpSink.builder(base, "k-1").build();

        sink.send(new StreamBatch(StreamRef.game("g-1"), discards(1)));

        List<Received> requests = new ArrayList<>(received);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
        assertThat(sink.retries()).isEqualTo(1);
    }

    @Test
    void givenTheServerRefusesTheBatch_whenSent_thenTheProblemIsRaisedWithoutRetrying() {
        statuses.add(400);
        bodies.add("{\"title\": \"Invalid events\"}");
        HttpSink sink = HttpSink.builder(base, "k-1").build();

        assertThatThrownBy(() -> sink.send(new StreamBatch(StreamRef.game("g-1"), discards(1))))
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("400").hasMessageContaining("Invalid events")
                .satisfies(e -> assertThat(((SinkException) e).status()).isEqualTo(400));
        assertThat(received).hasSize(1);
    }

    @Test
    void givenNdjsonWithARefusedStream_whenFlushed_thenTheConflictIsRaised() {
        bodies.add("{\"results\": [], \"conflicts\": [{\"stream\": \"game-g-1\", \"status\": 400}]}");
        HttpSink sink = HttpSink.builder(base, "k-1").format(HttpSink.Format.NDJSON).build();
        sink.send(new StreamBatch(StreamRef.game("g-1"), discards(1)));

        assertThatThrownBy(sink::flush).isInstanceOf(SinkException.class).hasMessageContaining("game-g-1");
    }

    @Test
    void givenNoServer_whenSent_thenItFailsAfterItsAttempts() {
        server.stop(0);
        HttpSink sink = HttpSink.builder(base, "k-1").maxAttempts(2).build();

        assertThatThrownBy(() -> sink.send(new StreamBatch(StreamRef.game("g-1"), discards(1))))
                .isInstanceOf(SinkException.class).hasMessageContaining("after 2 attempts");
    }

    private static List<Envelope> discards(int n) {
        List<Envelope> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(Envelope.of(UUID.nameUUIDFromBytes(("e" + i).getBytes(StandardCharsets.UTF_8)),
                    Instant.parse("2026-11-23T10:15:30.123456Z").plusSeconds(i),
                    new CardsDiscarded(1, BlindType.SMALL, List.of("2C"), 2)));
        }
        return events;
    }
}
