package dev.ante.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A server-sent-events client over real HTTP: it reads the stream on a thread and queues each message. */
public final class SseClient implements AutoCloseable {

    /** One message: its id, event name and data line; {@code json()} parses the data. */
    public record Message(String id, String event, String data) {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        public JsonNode json() {
            try {
                return MAPPER.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public long position() {
            return Long.parseLong(id);
        }
    }

    private static final Message END = new Message(null, null, null);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final int status;
    private final String errorBody;
    private final InputStream body;
    private final LinkedBlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();
    private volatile boolean ended;
    private volatile String endedBy = "the server ended the response";

    private SseClient(HttpResponse<InputStream> response) throws IOException {
        this.status = response.statusCode();
        this.body = response.body();
        if (status != 200) {
            this.errorBody = new String(body.readAllBytes(), UTF_8);
            body.close();
            return;
        }
        this.errorBody = null;
        Thread reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code path} (with its query) with {@code key}; {@code lastEventId} may be null. */
    public static SseClient open(int port, String path, String key, String lastEventId) {
        return open(port, path, key, lastEventId, null);
    }

    /** The same, sending {@code cookie} (name=value) as a browser would. */
    public static SseClient open(int port, String path, String key, String lastEventId, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream").GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            return new SseClient(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return status;
    }

    /** The body of a refused stream. */
    public String errorBody() {
        return errorBody;
    }

    /** The next message, or an assertion failure after {@code timeout}; null once the stream has ended. */
    public Message next(Duration timeout) throws InterruptedException {
        if (status != 200) {
            throw new AssertionError("the stream was refused with " + status + ": " + errorBody);
        }
        Message m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + timeout);
        }
        if (m == END) {
            messages.add(END);
            return null;
        }
        return m;
    }

    /** The next {@code n} messages. */
    public List<Message> take(int n, Duration timeout) throws InterruptedException {
        List<Message> out = new ArrayList<>(n);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < n) {
            Message m = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (m == null) {
                throw new AssertionError("the stream ended after " + out.size() + " of " + n + " messages: " + endedBy);
            }
            out.add(m);
        }
        return out;
    }

    /** Messages that arrived and were not taken yet, without waiting. */
    public List<Message> drain() {
        List<Message> out = new ArrayList<>();
        for (Message m = messages.poll(); m != null && m != END; m = messages.poll()) {
            out.add(m);
        }
        if (ended) {
            messages.add(END);
        }
        return out;
    }

    public int comments() {
        return comments.get();
    }

    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        try {
            if (body != null) {
                body.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        messages.add(new Message(id, event == null ? "message" : event, data.toString()));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
                }
            }
        } catch (IOException e) {
            endedBy = e.toString();
        } finally {
            ended = true;
            messages.add(END);
        }
    }
}
