package dev.ante.replay.source;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ante.domain.GameId;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.InvalidIdException;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StreamRead;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A running Ante, read through its HTTP API with an API key of any role: a game's raw events from
 * {@code GET /api/v1/games/{id}/events}, the list of games from {@code GET /api/v1/games}. Events come back
 * as {@link RecordedEvent}s carrying the API's raw {@code data} and the agent's {@code occurredAt}, so they
 * decode and fold exactly as the store's own.
 */
public final class HttpSource implements Source {

    /** The API's largest page of events. */
    static final int EVENTS_PAGE = 1000;
    /** The page size used to list games. */
    static final int GAMES_PAGE = 500;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final String name;
    private final String apiKey;
    private final ObjectMapper mapper;
    private final HttpClient client;

    public HttpSource(URI uri, String apiKey, ObjectMapper mapper) {
        Objects.requireNonNull(uri, "uri");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        String text = uri.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.name = display(uri);
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The URL without user information, which may hold a password. */
    static String display(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public StreamRead readGame(GameId game, long fromRevision, int maxCount) {
        String path = "/api/v1/games/" + game.value() + "/events?fromRevision=" + fromRevision
                + "&limit=" + Math.max(1, Math.min(maxCount, EVENTS_PAGE));
        HttpResponse<byte[]> response = get(path);
        if (response.statusCode() == 404 && isGameNotFound(response, game)) {
            return new StreamRead.NotFound(game.streamName());
        }
        JsonNode page = json(path, response);
        String stream = game.streamName();
        List<RecordedEvent> events = new ArrayList<>();
        for (JsonNode item : page.path("items")) {
            events.add(recordedEvent(path, stream, item));
        }
        return new StreamRead.Found(stream, List.copyOf(events), requiredLong(path, page, "lastRevision"));
    }

    @Override
    public void scanGames(GameScan scan) {
        List<GameId> games = listGames(scan);
        int done = 0;
        scan.progress(0, games.size());
        for (GameId game : games) {
            long next = 0;
            long last = Long.MAX_VALUE;
            while (next <= last) {
                StreamRead read = readGame(game, next, EVENTS_PAGE);
                if (!(read instanceof StreamRead.Found found) || found.events().isEmpty()) {
                    // Listed but gone or empty: nothing to check, and a summary alone is no event.
                    break;
                }
                // The end is fixed by the first page, as a store scan's end is fixed by the head it started at.
                last = Math.min(last, found.lastRevision());
                for (RecordedEvent event : found.events()) {
                    if (event.revision() <= last) {
                        scan.event(event);
                    }
                }
                next = found.events().get(found.events().size() - 1).revision() + 1;
            }
            scan.progress(++done, games.size());
        }
    }

    private List<GameId> listGames(GameScan scan) {
        List<GameId> games = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/api/v1/games?limit=" + GAMES_PAGE
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, UTF_8));
            HttpResponse<byte[]> response = get(path);
            if (response.statusCode() == 404) {
                throw new SourceException(name, "this server cannot list its games (GET /api/v1/games answered 404), "
                        + "so its games cannot be verified over HTTP; verify its data directory instead");
            }
            JsonNode page = json(path, response);
            for (JsonNode item : page.path("items")) {
                String id = item.path("gameId").asText(null);
                try {
                    games.add(GameId.of(id));
                } catch (InvalidIdException e) {
                    throw new SourceException(name, "GET " + path + " listed an invalid game id: " + e.getMessage());
                }
            }
            JsonNode next = page.get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asText();
            scan.progress(games.size(), -1);
        } while (cursor != null);
        return games;
    }

    @Override
    public void close() {
        // java.net.http.HttpClient of Java 17 has nothing to close; its threads are daemons.
    }

    private HttpResponse<byte[]> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json, application/problem+json")
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new SourceException(name, "cannot connect: no answer within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw new SourceException(name, "GET " + path + " got no answer within "
                    + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new SourceException(name, "cannot connect: " + connectReason(e), e);
        } catch (IOException e) {
            throw new SourceException(name, "GET " + path + " failed: " + SourceException.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(name, "interrupted while waiting for GET " + path, e);
        }
        int status = response.statusCode();
        if (status == 401) {
            throw new SourceException(name, "the API key was refused (401 Unauthorized: "
                    + detail(response, "no reason given") + ")");
        }
        if (status == 403) {
            throw new SourceException(name, "the API key may not read games (403 Forbidden: "
                    + detail(response, "no reason given") + ")");
        }
        if (status != 200 && status != 404) {
            throw new SourceException(name, "GET " + path + " answered " + status + ": "
                    + detail(response, "no details"));
        }
        return response;
    }

    // The JDK client's ConnectException often has no message of its own (a refused connection surfaces as
    // a bare ClosedChannelException), so the reason names what was tried instead.
    private String connectReason(ConnectException e) {
        URI uri = URI.create(base);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "cannot resolve host " + uri.getHost();
            }
        }
        String where = uri.getHost() + ":" + (uri.getPort() >= 0 ? uri.getPort()
                : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
        return e.getMessage() == null || e.getMessage().isBlank()
                ? "nothing answers at " + where + " (connection refused or unreachable)"
                : e.getMessage() + " (" + where + ")";
    }

    // The API's own 404 for a missing game says so in its problem detail; any other 404 (a wrong base URL,
    // a server that is not Ante) must not pass for "no such game".
    private boolean isGameNotFound(HttpResponse<byte[]> response, GameId game) {
        return ("game " + game.value() + " not found").equals(detail(response, ""));
    }

    private JsonNode json(String path, HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new SourceException(name, "GET " + path + " answered " + response.statusCode() + ": "
                    + detail(response, "no details") + "; is " + name + " the base URL of an Ante API?");
        }
        try {
            JsonNode node = mapper.readTree(response.body());
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new SourceException(name, "GET " + path + " did not answer with a JSON object; is " + name
                + " the base URL of an Ante API?");
    }

    private String detail(HttpResponse<byte[]> response, String fallback) {
        try {
            JsonNode problem = mapper.readTree(response.body());
            if (problem != null && problem.hasNonNull("detail")) {
                return problem.get("detail").asText();
            }
            if (problem != null && problem.hasNonNull("title")) {
                return problem.get("title").asText();
            }
        } catch (IOException e) {
            // not a problem report: fall back
        }
        return fallback;
    }

    private RecordedEvent recordedEvent(String path, String stream, JsonNode item) {
        try {
            ObjectNode metadata = mapper.createObjectNode();
            JsonNode occurredAt = item.get(IncomingEvent.OCCURRED_AT);
            if (occurredAt != null && occurredAt.isTextual()) {
                metadata.put(IncomingEvent.OCCURRED_AT, occurredAt.asText());
            }
            JsonNode recordedAt = item.get("recordedAt");
            return new RecordedEvent(stream,
                    UUID.fromString(item.path("eventId").asText()),
                    requiredText(path, item, "type"),
                    requiredLong(path, item, "revision"),
                    requiredLong(path, item, "position"),
                    recordedAt == null || recordedAt.isNull() ? null : Instant.parse(recordedAt.asText()),
                    mapper.writeValueAsBytes(item.path("data")),
                    mapper.writeValueAsBytes(metadata));
        } catch (SourceException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SourceException(name, "GET " + path + " answered an event this tool cannot read: "
                    + SourceException.describe(e), e);
        }
    }

    private String requiredText(String path, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new SourceException(name, "GET " + path + " answered without '" + field + "'");
        }
        return value.asText();
    }

    private long requiredLong(String path, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new SourceException(name, "GET " + path + " answered without '" + field + "'");
        }
        return value.asLong();
    }
}
