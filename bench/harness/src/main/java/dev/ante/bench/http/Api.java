package dev.ante.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.simulator.HttpSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads from the platform during a benchmark: projection lag and arbitrary GETs. */
public final class Api {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;
    private final String key;
    private final HttpClient client;

    public Api(URI base, String key, HttpClient client) {
        this.base = base;
        this.key = key;
        this.client = client;
    }

    /** A client for load: HTTP/1.1 (what agents use), with a connection per concurrent sender. */
    public static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public HttpSink sink(int maxBatch) {
        // The corpus is simulated history with fixed times: posted as a backfill, as an import would be.
        return sink(maxBatch, true);
    }

    /** A sink that posts as a backfill or, for events stamped as they are sent, as a live agent does. */
    public HttpSink sink(int maxBatch, boolean backfill) {
        return HttpSink.builder(base, key).client(client).maxBatch(maxBatch).maxAttempts(3).backfill(backfill).build();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The largest lag of any projection, or -1 when the platform has no projection endpoint. */
    public long maxProjectionLag() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/api/v1/projections");
        if (r.statusCode() != 200) {
            return -1;
        }
        long max = 0;
        for (JsonNode item : MAPPER.readTree(r.body()).path("items")) {
            max = Math.max(max, item.path("lag").asLong());
        }
        return max;
    }

    /** Waits until every projection has processed the log's head; returns false on timeout. */
    public boolean awaitProjections(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long lag = maxProjectionLag();
            if (lag <= 0) {
                return lag == 0;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** The items of {@code GET /api/v1/projections}. */
    public JsonNode projections() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/api/v1/projections");
        if (r.statusCode() != 200) {
            throw new IOException("GET /api/v1/projections answered " + r.statusCode() + ": " + r.body());
        }
        return MAPPER.readTree(r.body()).path("items");
    }

    /**
     * Starts a replay of every projection with {@code adminKey}; a platform without that endpoint (an older
     * build, measured for comparison) gets a replay of each of {@code names} instead.
     */
    public void replayAll(String adminKey, java.util.List<String> names) throws IOException, InterruptedException {
        HttpResponse<String> r = post("/api/v1/admin/projections/replay", adminKey);
        if (r.statusCode() == 404 || r.statusCode() == 405) {
            for (String name : names) {
                HttpResponse<String> one = post("/api/v1/admin/projections/" + name + "/replay", adminKey);
                if (one.statusCode() != 202) {
                    throw new IOException("replay of " + name + " answered " + one.statusCode() + ": " + one.body());
                }
            }
        } else if (r.statusCode() != 202) {
            throw new IOException("replay answered " + r.statusCode() + ": " + r.body());
        }
    }

    private HttpResponse<String> post(String path, String key) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
