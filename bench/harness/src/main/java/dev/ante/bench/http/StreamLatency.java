package dev.ante.bench.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Clients of the live stream, each on a thread of its own, that time every event from when the store
 * recorded it ({@code recordedAt}, the platform's clock on the same machine) to when its line arrived.
 */
final class StreamLatency implements AutoCloseable {

    private static final String RECORDED_AT = "\"recordedAt\":\"";

    private final List<InputStream> bodies = new ArrayList<>();
    private final List<Thread> readers = new ArrayList<>();
    private final Histogram latency = new ConcurrentHistogram(Duration.ofMinutes(1).toNanos() / 1_000, 3);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong overflows = new AtomicLong();
    private final CountDownLatch live;
    private volatile boolean measuring;

    /** Opens {@code clients} streams of {@code path} and returns once every one is live. */
    StreamLatency(HttpClient client, URI base, String key, String path, int clients)
            throws IOException, InterruptedException {
        this.live = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + key)
                    .header("Accept", "text/event-stream").GET().build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IOException("the stream was refused with " + response.statusCode() + ": "
                        + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            }
            bodies.add(response.body());
            Thread reader = new Thread(() -> read(response.body()), "stream-latency-" + i);
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
        }
        if (!live.await(30, TimeUnit.SECONDS)) {
            throw new IOException("the streams did not all go live within 30 s");
        }
    }

    /** Counts from now on. */
    void start() {
        measuring = true;
    }

    /** Waits until {@code expected} events have been delivered (over all clients), at most {@code timeout}. */
    boolean await(long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (delivered.get() < expected) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    Histogram latency() {
        return latency;
    }

    long delivered() {
        return delivered.get();
    }

    long overflows() {
        return overflows.get();
    }

    private void read(InputStream body) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            boolean wasLive = false;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!wasLive && line.startsWith(":")) {
                    wasLive = true;
                    live.countDown();
                } else if (line.startsWith("event: overflow")) {
                    overflows.incrementAndGet();
                } else if (line.startsWith("data: ") && measuring) {
                    int at = line.indexOf(RECORDED_AT);
                    if (at > 0) {
                        int from = at + RECORDED_AT.length();
                        Instant recorded = Instant.parse(line.substring(from, line.indexOf('"', from)));
                        long micros = Duration.between(recorded, Instant.now()).toNanos() / 1_000;
                        latency.recordValue(Math.max(0, Math.min(micros, latency.getHighestTrackableValue())));
                        delivered.incrementAndGet();
                    }
                }
            }
        } catch (IOException e) {
            // closed at the end of the run
        }
    }

    @Override
    public void close() {
        for (InputStream body : bodies) {
            try {
                body.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
