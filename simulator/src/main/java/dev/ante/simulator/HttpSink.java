package dev.ante.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts batches to the platform's write API with {@code Authorization: Bearer <key>}: as JSON arrays of up
 * to {@code maxBatch} events to each stream's endpoint, or buffered as NDJSON across streams up to
 * {@code maxBatch} lines per request. Connection failures and 503s are retried with backoff: event ids are
 * idempotency keys, so a batch that did land the first time is recognised as duplicates.
 *
 * <p>Thread-safe in JSON mode. In NDJSON mode batches are buffered; use one sink per sending thread.
 */
public final class HttpSink implements EventSink {

    /** How batches travel. */
    public enum Format {
        JSON, NDJSON
    }

    /** A request ready to send: its URI, content type, body and how many events it carries. */
    public record Prepared(URI uri, String contentType, byte[] body, int events) {
    }

    private static final String NDJSON_TYPE = "application/x-ndjson";

    private final URI api;
    private final String apiKey;
    private final Format format;
    private final int maxBatch;
    private final int maxAttempts;
    private final Duration timeout;
    private final HttpClient client;
    private final String query;
    private final List<StreamBatch> buffer = new ArrayList<>();
    private int buffered;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    private HttpSink(Builder b) {
        String base = b.baseUrl.toString();
        this.api = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1");
        this.apiKey = b.apiKey;
        this.format = b.format;
        this.maxBatch = b.maxBatch;
        this.maxAttempts = b.maxAttempts;
        this.timeout = b.timeout;
        this.query = b.backfill ? "?backfill=true" : "";
        this.client = b.client != null ? b.client
                : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                        .build();
    }

    /** A sink for the platform at {@code baseUrl} (e.g. {@code http://localhost:8080}). */
    public static Builder builder(URI baseUrl, String apiKey) {
        return new Builder(baseUrl, apiKey);
    }

    @Override
    public void send(StreamBatch batch) {
        if (format == Format.JSON) {
            for (Prepared request : prepare(batch)) {
                send(request);
            }
            return;
        }
        buffer.add(batch);
        buffered += batch.events().size();
        if (buffered >= maxBatch) {
            flush();
        }
    }

    @Override
    public void flush() {
        if (format != Format.NDJSON || buffer.isEmpty()) {
            return;
        }
        List<StreamBatch> lines = new ArrayList<>();
        int count = 0;
        for (StreamBatch batch : buffer) {
            for (int from = 0; from < batch.events().size(); ) {
                int take = Math.min(batch.events().size() - from, maxBatch - count);
                lines.add(new StreamBatch(batch.stream(), batch.events().subList(from, from + take)));
                count += take;
                from += take;
                if (count == maxBatch) {
                    send(ndjson(lines, count));
                    lines = new ArrayList<>();
                    count = 0;
                }
            }
        }
        if (count > 0) {
            send(ndjson(lines, count));
        }
        buffer.clear();
        buffered = 0;
    }

    /** The JSON requests that carry {@code batch}: one per {@code maxBatch} events, in order. */
    public List<Prepared> prepare(StreamBatch batch) {
        URI uri = URI.create(api + batch.stream().batchPath() + query);
        List<Prepared> requests = new ArrayList<>();
        List<Envelope> all = batch.events();
        for (int from = 0; from < all.size(); from += maxBatch) {
            List<Envelope> part = all.subList(from, Math.min(all.size(), from + maxBatch));
            requests.add(new Prepared(uri, "application/json", EnvelopeJson.array(part), part.size()));
        }
        return requests;
    }

    /** One NDJSON request carrying every event of {@code batches}. */
    public Prepared prepareNdjson(List<StreamBatch> batches) {
        return ndjson(batches, batches.stream().mapToInt(b -> b.events().size()).sum());
    }

    private Prepared ndjson(List<StreamBatch> batches, int count) {
        return new Prepared(URI.create(api + "/events" + query), NDJSON_TYPE, EnvelopeJson.ndjson(batches), count);
    }

    /**
     * Sends a prepared request, retrying connection failures and 503s; returns the response body.
     *
     * @throws SinkException when the platform refuses the request or stays unreachable
     */
    public String send(Prepared request) {
        HttpRequest http = HttpRequest.newBuilder(request.uri())
                .timeout(timeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", request.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
                .build();
        IOException lastFailure = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                retries.incrementAndGet();
                pause(attempt);
            }
            HttpResponse<String> response;
            try {
                response = client.send(http, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                lastFailure = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkException("interrupted while posting to " + request.uri(), 0, e);
            }
            int status = response.statusCode();
            if (status == 503 && attempt < maxAttempts) {
                continue;
            }
            if (status != 200) {
                throw new SinkException("POST " + request.uri().getPath() + " answered " + status + ": "
                        + abbreviate(response.body()), status, null);
            }
            if (NDJSON_TYPE.equals(request.contentType()) && hasConflicts(response.body())) {
                throw new SinkException("POST " + request.uri().getPath() + " refused streams: "
                        + abbreviate(response.body()), status, null);
            }
            requests.incrementAndGet();
            events.addAndGet(request.events());
            return response.body();
        }
        throw new SinkException("POST " + request.uri().getPath() + " failed after " + maxAttempts + " attempts: "
                + lastFailure, 0, lastFailure);
    }

    private static boolean hasConflicts(String body) {
        try {
            return EnvelopeJson.mapper().readTree(body).path("conflicts").size() > 0;
        } catch (IOException e) {
            return true;
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(5_000, 100L << Math.min(6, attempt - 2)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while waiting to retry", 0, e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    /** Requests that succeeded. */
    public long requests() {
        return requests.get();
    }

    /** Events carried by requests that succeeded (duplicates included). */
    public long events() {
        return events.get();
    }

    /** Attempts repeated after a connection failure or a 503. */
    public long retries() {
        return retries.get();
    }

    /** Builds an {@link HttpSink}. */
    public static final class Builder {
        private final URI baseUrl;
        private final String apiKey;
        private Format format = Format.JSON;
        private int maxBatch = 1_000;
        private int maxAttempts = 5;
        private Duration timeout = Duration.ofSeconds(30);
        private HttpClient client;
        private boolean backfill;

        private Builder(URI baseUrl, String apiKey) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        }

        public Builder format(Format value) {
            this.format = Objects.requireNonNull(value, "format");
            return this;
        }

        /** Events per JSON request, or lines per NDJSON request; the platform accepts up to 1,000 and 10,000. */
        public Builder maxBatch(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxBatch must be >= 1, was " + value);
            }
            this.maxBatch = value;
            return this;
        }

        /** Attempts per request, the first included. */
        public Builder maxAttempts(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1, was " + value);
            }
            this.maxAttempts = value;
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /** The client to share, e.g. between the sinks of a load driver's threads. */
        public Builder client(HttpClient value) {
            this.client = value;
            return this;
        }

        /**
         * Posts every request with {@code ?backfill=true}, so that the platform takes events whatever their time:
         * for simulated history, whose times are those of the simulation's start, not of the wall clock.
         */
        public Builder backfill(boolean value) {
            this.backfill = value;
            return this;
        }

        public HttpSink build() {
            return new HttpSink(this);
        }
    }
}
