package dev.ante.api;

import static dev.ante.api.Games.data;
import static dev.ante.api.Games.envelope;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The live stream over real HTTP: events in position order with their positions as ids, resume without
 * gap or duplicate, filters, a slow client dropped with {@code overflow} while others and ingest carry on,
 * and a hundred clients at once.
 */
@TestPropertySource(properties = {
        "ante.stream.max-buffered=2000",
        "ante.stream.max-clients=100",
        "ante.stream.heartbeat=1s"})
class StreamIT extends ApiTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void readModels(DynamicPropertyRegistry registry) {
        DataDirs.ownReadModels(registry, "ante-stream-rm-");
    }

    @BeforeEach
    void noStreamsOpen() throws InterruptedException {
        // Streams a test closed end once the server's next write finds them gone (at the latest, a ping).
        awaitConnections(0);
    }

    @Test
    void givenALiveClient_whenGamesArePosted_thenItGetsEveryEventInPositionOrderWithPositionsAsIds()
            throws Exception {
        String game = "live-" + UUID.randomUUID();
        try (SseClient filtered = live("/api/v1/stream?gameId=" + game);
             SseClient everything = live("/api/v1/stream")) {
            post(game, Games.shortGame(5));

            List<SseClient.Message> got = filtered.take(8, WAIT);
            JsonNode stored = http.get("/api/v1/games/" + game + "/events", RESEARCHER).json().get("items");
            assertThat(stored).hasSize(8);
            for (int i = 0; i < 8; i++) {
                SseClient.Message m = got.get(i);
                JsonNode event = m.json();
                JsonNode expected = stored.get(i);
                assertThat(m.position()).isEqualTo(expected.get("position").asLong());
                assertThat(m.event()).isEqualTo(expected.get("type").asText());
                assertThat(event.get("stream").asText()).isEqualTo("game-" + game);
                assertThat(event.get("revision").asLong()).isEqualTo(i);
                assertThat(event.get("position").asLong()).isEqualTo(m.position());
                for (String field : List.of("eventId", "type", "occurredAt", "recordedAt", "data")) {
                    assertThat(event.get(field)).as(field).isEqualTo(expected.get(field));
                }
            }
            List<SseClient.Message> all = everything.take(8, WAIT);
            assertThat(all).extracting(SseClient.Message::id).isEqualTo(got.stream().map(SseClient.Message::id).toList());
        }
    }

    @Test
    void givenAClientThatWentAway_whenItResumesWithLastEventId_thenItGetsExactlyWhatItMissedThenLiveEvents()
            throws Exception {
        String game = "resume-" + UUID.randomUUID();
        List<Map<String, Object>> events = Games.shortGame(6);
        String lastSeen;
        try (SseClient first = live("/api/v1/stream?gameId=" + game)) {
            post(game, events.subList(0, 3));
            List<SseClient.Message> got = first.take(3, WAIT);
            assertThat(got).extracting(m -> m.json().get("revision").asLong()).containsExactly(0L, 1L, 2L);
            lastSeen = got.get(2).id();
        }
        post(game, events.subList(3, 6));

        try (SseClient again = SseClient.open(port, "/api/v1/stream?gameId=" + game, RESEARCHER, lastSeen)) {
            assertThat(again.status()).isEqualTo(200);
            List<SseClient.Message> missed = again.take(3, WAIT);
            assertThat(missed).extracting(m -> m.json().get("revision").asLong()).containsExactly(3L, 4L, 5L);
            awaitComments(again, 1);
            post(game, events.subList(6, events.size()));
            List<SseClient.Message> live = again.take(3, WAIT);
            assertThat(live).extracting(m -> m.json().get("revision").asLong()).containsExactly(6L, 7L, 8L);
            assertIncreasing(missed, live);
            awaitComments(again, again.comments() + 1);
            assertThat(again.drain()).isEmpty();
        }

        // ?after= does the same for clients that cannot send headers, here with a type filter.
        long firstPosition = http.get("/api/v1/games/" + game + "/events", RESEARCHER).json().get("items").get(0)
                .get("position").asLong();
        try (SseClient hands = SseClient.open(port, "/api/v1/stream?gameId=" + game + "&types=HandPlayed&after="
                + firstPosition, RESEARCHER, null)) {
            List<SseClient.Message> got = hands.take(6, WAIT);
            assertThat(got).extracting(SseClient.Message::event).containsOnly("HandPlayed");
            assertThat(got).extracting(m -> m.json().get("data").get("handNumber").asInt())
                    .containsExactly(1, 2, 3, 4, 5, 6);
        }
    }

    @Test
    void givenFilters_whenEventsOfEveryCategoryArrive_thenEachClientGetsOnlyWhatItsFilterNames() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String agentA = "agent-a-" + tag;
        String strategyA = "strat-a-" + tag;
        String gameA = "fa-" + tag;
        String gameB = "fb-" + tag;
        String run = "run-" + tag;
        long before = store.headPosition();
        String from = "&after=" + before;
        try (SseClient byAgent = open("/api/v1/stream?agentId=" + agentA + from);
             SseClient byStrategy = open("/api/v1/stream?strategyId=" + strategyA + from);
             SseClient learning = open("/api/v1/stream?category=learning&strategyId=" + strategyA + from);
             SseClient bounds = open("/api/v1/stream?category=game&types=GameStarted,GameCompleted&agentId="
                     + agentA + from)) {
            post(gameA, withStart(agentA, strategyA, Games.shortGame(2)));
            post(gameB, withStart("agent-b-" + tag, "strat-b-" + tag, Games.shortGame(2)));
            assertThat(http.postJson("/api/v1/strategies/" + strategyA + "/events", AGENT, List.of(
                    envelope("StrategyRegistered", data("name", "A", "agentId", agentA,
                            "parameters", Map.of("risk", 1)))))
                    .status()).isEqualTo(200);
            assertThat(http.postJson("/api/v1/learning/" + run + "/metrics", AGENT, List.of(
                    envelope("MetricRecorded", data("step", 1, "name", "loss", "value", 0.5, "strategyId", strategyA)),
                    envelope("MetricRecorded", data("step", 2, "name", "loss", "value", 0.4)))).status())
                    .isEqualTo(200);

            // Game A (5 events) and strategy A's registration; nothing of game B or the run.
            assertThat(byAgent.take(6, WAIT)).extracting(m -> m.json().get("stream").asText())
                    .containsExactly(repeat("game-" + gameA, 5, "strategy-" + strategyA));
            // Game A, the strategy's own stream and the one metric that names it.
            assertThat(byStrategy.take(7, WAIT)).extracting(m -> m.json().get("stream").asText())
                    .containsExactly(repeat("game-" + gameA, 5, "strategy-" + strategyA, "learning-" + run));
            assertThat(learning.take(1, WAIT)).extracting(m -> m.json().get("data").get("step").asInt())
                    .containsExactly(1);
            assertThat(bounds.take(2, WAIT)).extracting(SseClient.Message::event)
                    .containsExactly("GameStarted", "GameCompleted");
            for (SseClient client : List.of(byAgent, byStrategy, learning, bounds)) {
                awaitComments(client, client.comments() + 1);
                assertThat(client.drain()).isEmpty();
            }
        }
    }

    @Test
    void givenASlowClient_whenItFallsTooFarBehind_thenItGetsOverflowAndResumesWhileIngestAndOthersCarryOn()
            throws Exception {
        int total = 8000;
        String game = "slow-" + UUID.randomUUID();
        try (SseClient fast = live("/api/v1/stream?gameId=" + game);
             Socket slow = slowClient("/api/v1/stream?gameId=" + game)) {
            awaitConnections(2);
            List<Map<String, Object>> events = new ArrayList<>();
            events.add(Games.started());
            events.add(Games.blind(1, "SMALL"));
            for (int i = 1; events.size() < total; i++) {
                events.add(Games.hand(1, i, i, List.of("Joker")));
            }
            for (int from = 0; from < events.size(); from += 1000) {
                post(game, events.subList(from, from + 1000));
            }

            // The client that reads gets everything; ingest was never refused or held up by the slow one.
            List<SseClient.Message> all = fast.take(total, WAIT);
            assertThat(all).extracting(m -> m.json().get("revision").asLong())
                    .isEqualTo(java.util.stream.LongStream.range(0, total).boxed().toList());
            JsonNode stats = http.get("/api/v1/stream/stats", ADMIN).json();
            assertThat(stats.get("clientsDropped").asLong()).isGreaterThanOrEqualTo(1);

            // The slow one, reading at last: events in order, then overflow naming the last one it got.
            List<SseClient.Message> got = readToEnd(slow);
            SseClient.Message overflow = got.get(got.size() - 1);
            assertThat(overflow.event()).isEqualTo("overflow");
            List<SseClient.Message> before = got.subList(0, got.size() - 1);
            assertThat(before).isNotEmpty().hasSizeLessThan(total);
            long resumeAfter = overflow.json().get("resumeAfter").asLong();
            assertThat(resumeAfter).isEqualTo(before.get(before.size() - 1).position());
            assertThat(overflow.json().get("maxBuffered").asInt()).isEqualTo(2000);

            // Resuming from there gives the rest: every event once, in order.
            try (SseClient rest = SseClient.open(port, "/api/v1/stream?gameId=" + game, RESEARCHER,
                    Long.toString(resumeAfter))) {
                List<SseClient.Message> remaining = rest.take(total - before.size(), WAIT);
                List<Long> positions = new ArrayList<>();
                before.forEach(m -> positions.add(m.position()));
                remaining.forEach(m -> positions.add(m.position()));
                assertThat(positions).isEqualTo(all.stream().map(SseClient.Message::position).toList());
            }
        }
    }

    @Test
    void givenAHundredClients_whenAGameIsPosted_thenEachGetsItAllAndOneMoreIsTurnedAway() throws Exception {
        String game = "hundred-" + UUID.randomUUID();
        List<SseClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<SseClient>> opening = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                opening.add(pool.submit(() -> live("/api/v1/stream?gameId=" + game)));
            }
            for (Future<SseClient> f : opening) {
                clients.add(f.get());
            }
            try (SseClient oneMore = SseClient.open(port, "/api/v1/stream", RESEARCHER, null)) {
                assertThat(oneMore.status()).isEqualTo(503);
                assertThat(oneMore.errorBody()).contains("live streams are open");
            }
            post(game, Games.shortGame(20));
            for (SseClient client : clients) {
                assertThat(client.take(23, WAIT)).extracting(m -> m.json().get("revision").asLong())
                        .isEqualTo(java.util.stream.LongStream.range(0, 23).boxed().toList());
            }
            assertThat(http.get("/api/v1/stream/stats", ADMIN).json().get("connections").asInt()).isEqualTo(100);
        } finally {
            clients.forEach(SseClient::close);
            pool.shutdownNow();
        }
    }

    @Test
    void givenBadRequests_whenTheyAsk_thenEachGetsAPreciseProblemAndStatsAreForAdminsOnly() {
        try (SseClient c = SseClient.open(port, "/api/v1/stream?category=games&types=HandPlayed,Nope", RESEARCHER,
                null)) {
            assertThat(c.status()).isEqualTo(400);
            assertThat(c.errorBody()).contains("category").contains("'Nope' is not an event type");
        }
        try (SseClient c = SseClient.open(port, "/api/v1/stream?gameId=bad/../id", RESEARCHER, null)) {
            assertThat(c.status()).isEqualTo(400);
        }
        try (SseClient c = SseClient.open(port, "/api/v1/stream", RESEARCHER, "twelve")) {
            assertThat(c.status()).isEqualTo(400);
            assertThat(c.errorBody()).contains("Last-Event-ID");
        }
        try (SseClient c = SseClient.open(port, "/api/v1/stream?after=-5", RESEARCHER, null)) {
            assertThat(c.status()).isEqualTo(400);
        }
        try (SseClient c = SseClient.open(port, "/api/v1/stream", null, null)) {
            assertThat(c.status()).isEqualTo(401);
        }
        assertThat(http.get("/api/v1/stream/stats", RESEARCHER).status()).isEqualTo(403);
        JsonNode stats = http.get("/api/v1/stream/stats", ADMIN).json();
        assertThat(stats.get("maxConnections").asInt()).isEqualTo(100);
        assertThat(stats.get("maxBuffered").asInt()).isEqualTo(2000);
        assertThat(stats.has("eventsSent")).isTrue();
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private SseClient open(String path) {
        SseClient client = SseClient.open(port, path, RESEARCHER, null);
        assertThat(client.status()).as(client.errorBody()).isEqualTo(200);
        return client;
    }

    /** A client that has joined the live part (its first ping marks it), so that nothing it wants is missed. */
    private SseClient live(String path) throws InterruptedException {
        SseClient client = open(path);
        awaitComments(client, 1);
        return client;
    }

    private static void awaitComments(SseClient client, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (client.comments() < atLeast) {
            assertThat(System.nanoTime()).as("waiting for a ping").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private void awaitConnections(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (http.get("/api/v1/stream/stats", ADMIN).json().get("connections").asInt() != count) {
            assertThat(System.nanoTime()).as("waiting for " + count + " connections").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private void post(String game, List<Map<String, Object>> events) {
        Http.Response r = http.postJson("/api/v1/games/" + game + "/events", AGENT, events);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    private static List<Map<String, Object>> withStart(String agent, String strategy, List<Map<String, Object>> game) {
        List<Map<String, Object>> events = new ArrayList<>(game);
        events.set(0, envelope("GameStarted", data("agentId", agent, "strategyId", strategy, "seed", "S",
                "deck", "Red Deck", "stake", "White", "startingMoney", 4)));
        return events;
    }

    private static String[] repeat(String value, int times, String... then) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.add(value);
        }
        out.addAll(List.of(then));
        return out.toArray(String[]::new);
    }

    private static void assertIncreasing(List<SseClient.Message> first, List<SseClient.Message> then) {
        List<Long> positions = new ArrayList<>();
        first.forEach(m -> positions.add(m.position()));
        then.forEach(m -> positions.add(m.position()));
        assertThat(positions).isSorted().doesNotHaveDuplicates();
    }

    /** A client with a tiny receive buffer that sends its request and then reads nothing until asked. */
    private Socket slowClient(String path) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(2048);
        socket.setSoTimeout((int) WAIT.toMillis());
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + RESEARCHER + "\r\n\r\n").getBytes(UTF_8));
        out.flush();
        return socket;
    }

    /** Reads a chunked SSE response to its end and parses its messages. */
    private static List<SseClient.Message> readToEnd(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String status = line(in);
        assertThat(status).startsWith("HTTP/1.1 200");
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            chunked |= header.toLowerCase().startsWith("transfer-encoding:") && header.toLowerCase().contains("chunked");
        }
        assertThat(chunked).isTrue();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(line(in).trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(in.readNBytes(size));
            line(in);
        }
        List<SseClient.Message> messages = new ArrayList<>();
        String id = null;
        String event = null;
        String data = null;
        for (String l : body.toString(UTF_8).split("\n", -1)) {
            if (l.isEmpty()) {
                if (data != null) {
                    messages.add(new SseClient.Message(id, event, data));
                }
                id = null;
                event = null;
                data = null;
            } else if (l.startsWith("id: ")) {
                id = l.substring(4);
            } else if (l.startsWith("event: ")) {
                event = l.substring(7);
            } else if (l.startsWith("data: ")) {
                data = l.substring(6);
            }
        }
        return messages;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the stream ended mid-line");
            }
            if (b != '\r') {
                out.write(b);
            }
        }
        return out.toString(UTF_8);
    }
}
