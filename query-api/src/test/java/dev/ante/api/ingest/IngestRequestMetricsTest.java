package dev.ante.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IngestRequestMetricsTest {

    /** The rule the categories follow, as a regular expression: the comparison in place must agree with it. */
    private static final Pattern WRITE =
            Pattern.compile("/api/v1/(?:(games|strategies)/[^/]+/events|(learning)/[^/]+/metrics|(events))/?");

    private static String byPattern(String uri) {
        var m = WRITE.matcher(uri);
        if (!m.matches()) {
            return null;
        }
        if (m.group(1) != null) {
            return m.group(1).equals("games") ? "game" : "strategy";
        }
        return m.group(2) != null ? "learning" : "ndjson";
    }

    @Test
    void givenWritePaths_whenCategorised_thenEachNamesItsCategory() {
        assertThat(IngestRequestMetrics.category("/api/v1/games/g-1/events")).isEqualTo("game");
        assertThat(IngestRequestMetrics.category("/api/v1/games/g-1/events/")).isEqualTo("game");
        assertThat(IngestRequestMetrics.category("/api/v1/strategies/s.1/events")).isEqualTo("strategy");
        assertThat(IngestRequestMetrics.category("/api/v1/learning/r_1/metrics")).isEqualTo("learning");
        assertThat(IngestRequestMetrics.category("/api/v1/events")).isEqualTo("ndjson");
        assertThat(IngestRequestMetrics.category("/api/v1/events/")).isEqualTo("ndjson");
    }

    @Test
    void givenOtherPaths_whenCategorised_thenNone() {
        for (String uri : new String[] {"/api/v1/games//events", "/api/v1/games/a/b/events", "/api/v1/games/g/metrics",
                "/api/v1/learning/r/events", "/api/v1/eventsx", "/api/v1/event", "/api/v1/", "/api/v1", "/api/v2/events",
                "/api/v1/games/events", "/api/v1/games/g/events//", "/x/api/v1/events", "", "/", "/api/v1/games/",
                "/api/v1/games/g/eventsevents", "/api/v1/strategies/s/events/x"}) {
            assertThat(IngestRequestMetrics.category(uri)).as(uri).isNull();
        }
    }

    @Test
    void givenManyShapesOfPath_whenCategorised_thenTheRuleAndTheComparisonAgree() {
        String[] parts = {"", "/", "api", "v1", "games", "strategies", "learning", "events", "metrics", "g", "a.b", "%2F"};
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder uri = new StringBuilder(random.nextBoolean() ? "/api/v1/" : "/");
            int segments = random.nextInt(5);
            for (int i = 0; i < segments; i++) {
                uri.append(parts[random.nextInt(parts.length)]);
                if (random.nextInt(4) > 0) {
                    uri.append('/');
                }
            }
            String text = uri.toString();
            assertThat(IngestRequestMetrics.category(text)).as(text).isEqualTo(byPattern(text));
        }
    }
}
