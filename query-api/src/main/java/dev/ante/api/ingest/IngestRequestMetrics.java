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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Times every write request and counts it by category and status ({@code ante.ingest.requests}), the
 * rejected ones included: it runs before authentication, so 401s and 403s are counted too. Its buckets
 * let Prometheus compute latency quantiles (docs/operations.md has the alert rules that use them). Refused
 * requests are also kept in {@link Rejections}.
 */
public class IngestRequestMetrics extends OncePerRequestFilter {

    private static final Pattern WRITE = Pattern.compile("/api/v1/(?:(games|strategies)/[^/]+/events|(learning)/[^/]+/metrics|(events))/?");

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

    /** {@code game}, {@code strategy}, {@code learning} or {@code ndjson}; null for any other path. */
    static String category(String uri) {
        Matcher m = WRITE.matcher(uri);
        if (!m.matches()) {
            return null;
        }
        if (m.group(1) != null) {
            return m.group(1).equals("games") ? "game" : "strategy";
        }
        return m.group(2) != null ? "learning" : "ndjson";
    }
}
