package dev.ante.api.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Times every write request and counts it by category and status ({@code ante.ingest.requests}), the
 * rejected ones included: it runs before authentication, so 401s and 403s are counted too. Its buckets
 * let Prometheus compute latency quantiles (docs/operations.md has the alert rules that use them). Refused
 * requests are also kept in {@link Rejections}.
 */
public class IngestRequestMetrics extends OncePerRequestFilter {

    /** The write paths' parts, for {@link #category}. */
    private static final String API = "/api/v1/";
    private static final String NDJSON = "events";
    private static final String GAMES = "games/";
    private static final String STRATEGIES = "strategies/";
    private static final String LEARNING = "learning/";
    private static final String EVENTS = "/events";
    private static final String METRICS = "/metrics";

    private final MeterRegistry meters;
    private final Rejections rejections;
    /** Per category and status: four categories and the few statuses the write API answers. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public IngestRequestMetrics(MeterRegistry meters, Rejections rejections) {
        this.meters = meters;
        this.rejections = rejections;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || category(request.getRequestURI()) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            if (status >= 400) {
                rejections.record(request.getMethod(), request.getRequestURI(), (String) request.getAttribute(Rejections.ROLE),
                        status, (ProblemDetail) request.getAttribute(Rejections.PROBLEM));
            }
            timer(category(request.getRequestURI()), status)
                    .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /** The timer of one category and status, built once: registering a meter per request cost more than the timing. */
    private Timer timer(String category, int status) {
        return timers.computeIfAbsent(category + ' ' + status, key -> Timer.builder("ante.ingest.requests")
                .description("Write requests by category and status, with their latency")
                .tag("category", category)
                .tag("status", Integer.toString(status))
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
                        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                        Duration.ofSeconds(5))
                .register(meters));
    }

    /**
     * {@code game}, {@code strategy}, {@code learning} or {@code ndjson}; null for any other path. The paths are
     * {@code /api/v1/games/<id>/events}, {@code /api/v1/strategies/<id>/events}, {@code /api/v1/learning/<id>/metrics}
     * and {@code /api/v1/events}, each with or without a final slash, where an id is any non-empty text without a
     * slash. Compared in place: this runs for every request under {@code /api/v1/}.
     */
    static String category(String uri) {
        int end = uri.endsWith("/") ? uri.length() - 1 : uri.length();
        if (!uri.startsWith(API)) {
            return null;
        }
        int from = API.length();
        if (end - from == NDJSON.length() && uri.startsWith(NDJSON, from)) {
            return "ndjson";
        }
        if (idBetween(uri, from, end, GAMES, EVENTS)) {
            return "game";
        }
        if (idBetween(uri, from, end, STRATEGIES, EVENTS)) {
            return "strategy";
        }
        return idBetween(uri, from, end, LEARNING, METRICS) ? "learning" : null;
    }

    /** Whether {@code uri[from, end)} is {@code prefix}, an id (one or more characters, no slash), {@code suffix}. */
    private static boolean idBetween(String uri, int from, int end, String prefix, String suffix) {
        int idFrom = from + prefix.length();
        int idEnd = end - suffix.length();
        if (idEnd <= idFrom || !uri.startsWith(prefix, from) || !uri.startsWith(suffix, idEnd)) {
            return false;
        }
        return uri.indexOf('/', idFrom) >= idEnd;
    }
}
