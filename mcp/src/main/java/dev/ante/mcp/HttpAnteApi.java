package dev.ante.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@link AnteApi} over HTTP with the JDK's client: one platform, one {@code Authorization} value. Answers are
 * read up to a byte limit; a longer one is refused rather than held in memory.
 */
public final class HttpAnteApi implements AnteApi {

    private final HttpClient client;
    private final URI base;
    private final String authorization;
    private final Duration timeout;
    private final int maxBytes;

    private HttpAnteApi(HttpClient client, URI base, String authorization, Duration timeout, int maxBytes) {
        this.client = client;
        this.base = base;
        this.authorization = authorization;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /**
     * A client of the platform at {@code base} ({@code http://host:port}, with a context path if it has one).
     *
     * @param timeout  the longest wait for one answer
     * @param maxBytes the longest answer read
     */
    public static HttpAnteApi of(URI base, Duration timeout, int maxBytes) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String text = base.toString();
        URI root = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        return new HttpAnteApi(client, root, null, timeout, maxBytes);
    }

    /** The same client sending {@code Authorization: Bearer <key>}. */
    public HttpAnteApi withKey(String key) {
        return withAuthorization(key == null ? null : "Bearer " + key);
    }

    /** The same client sending this {@code Authorization} header value as it is (none when null). */
    public HttpAnteApi withAuthorization(String value) {
        return new HttpAnteApi(client, base, value, timeout, maxBytes);
    }

    /** The platform's root URI. */
    public URI base() {
        return base;
    }

    @Override
    public Reply get(String path, Map<String, ?> query) {
        return send(request(path, query).GET());
    }

    @Override
    public Reply post(String path, String json) {
        return send(request(path, Map.of()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private HttpRequest.Builder request(String path, Map<String, ?> query) {
        StringJoiner parameters = new StringJoiner("&");
        query.forEach((name, value) -> {
            if (value != null) {
                parameters.add(encode(name) + "=" + encode(String.valueOf(value)));
            }
        });
        String target = base + path + (parameters.length() == 0 ? "" : "?" + parameters);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target)).timeout(timeout)
                .header("Accept", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    /** A path segment or parameter, percent-encoded. */
    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Reply send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw new AnteApiException("the platform's answer to " + request.uri().getPath()
                            + " is over " + maxBytes + " bytes");
                }
                return new Reply(response.statusCode(), new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (HttpTimeoutException e) {
            throw new AnteApiException("the platform did not answer " + request.uri().getPath() + " within "
                    + timeout.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new AnteApiException("cannot connect to the platform at " + base, e);
        } catch (IOException e) {
            throw new AnteApiException("the request to " + base + request.uri().getPath() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnteApiException("interrupted while waiting for the platform", e);
        }
    }
}
