package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ante.api.timeseries.EmbeddedQuestDb;
import dev.ante.api.timeseries.QuestDbCredentials;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code GET /api/v1/learning/{runId}/metrics} against the simulated runs in QuestDB, checked by bucketing
 * the raw points read straight from the table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LearningCurvesIT extends SimulatedPlatformTestBase {

    @Autowired
    EmbeddedQuestDb questDb;

    @Autowired
    QuestDbCredentials credentials;

    private String run;
    private String metric;

    @BeforeAll
    void games() throws Exception {
        simulatedGames();
        JsonNode any = sql("SELECT run_id, name, count() FROM learning_metrics ORDER BY count() DESC LIMIT 1");
        assertThat(any).as("the simulation records learning metrics").isNotEmpty();
        run = any.get(0).get(0).asText();
        metric = any.get(0).get(1).asText();
    }

    @Test
    void givenARunsMetric_whenAskedInBuckets_thenEachBucketIsTheRawPointsSummarised() throws Exception {
        List<double[]> points = points(run, metric);
        long from = (long) points.stream().mapToDouble(p -> p[0]).min().orElseThrow();
        long to = (long) points.stream().mapToDouble(p -> p[0]).max().orElseThrow();
        int buckets = 7;
        long width = (to - from) / buckets + 1;
        TreeMap<Long, List<double[]>> expected = new TreeMap<>();
        for (double[] p : points) {
            expected.computeIfAbsent(((long) p[0] - from) / width, k -> new ArrayList<>()).add(p);
        }

        JsonNode body = http.get("/api/v1/learning/" + run + "/metrics?name=" + metric + "&buckets=" + buckets,
                "researcher-key").json();
        assertThat(body.get("fromStep").asLong()).isEqualTo(from);
        assertThat(body.get("toStep").asLong()).isEqualTo(to);
        assertThat(body.get("bucketSteps").asLong()).isEqualTo(width);
        assertThat(body.get("truncated").asBoolean()).isFalse();
        JsonNode got = body.get("metrics").get(0);
        assertThat(got.get("name").asText()).isEqualTo(metric);
        assertThat(got.get("buckets")).hasSize(expected.size());
        int i = 0;
        for (var e : expected.entrySet()) {
            JsonNode bucket = got.get("buckets").get(i++);
            List<double[]> in = e.getValue();
            long bucketFrom = from + e.getKey() * width;
            assertThat(bucket.get("fromStep").asLong()).isEqualTo(bucketFrom);
            assertThat(bucket.get("toStep").asLong()).isEqualTo(Math.min(to, bucketFrom + width - 1));
            assertThat(bucket.get("count").asLong()).isEqualTo(in.size());
            assertThat(bucket.get("mean").asDouble())
                    .isCloseTo(in.stream().mapToDouble(p -> p[1]).average().orElseThrow(), within(1e-9));
            assertThat(bucket.get("min").asDouble()).isEqualTo(in.stream().mapToDouble(p -> p[1]).min().orElseThrow());
            assertThat(bucket.get("max").asDouble()).isEqualTo(in.stream().mapToDouble(p -> p[1]).max().orElseThrow());
            // Points are read in time order: the latest is the last one.
            assertThat(bucket.get("last").asDouble()).isEqualTo(in.get(in.size() - 1)[1]);
        }
    }

    @Test
    void givenARunWithoutAName_whenAsked_thenEveryMetricOfTheRunIsThereWithinTheStepsAsked() throws Exception {
        Set<String> names = new TreeSet<>();
        sql("SELECT DISTINCT name FROM learning_metrics WHERE run_id = '" + run + "'")
                .forEach(row -> names.add(row.get(0).asText()));
        JsonNode body = http.get("/api/v1/learning/" + run + "/metrics?fromStep=0&toStep=3&buckets=2",
                "researcher-key").json();
        Set<String> got = new TreeSet<>();
        body.get("metrics").forEach(m -> got.add(m.get("name").asText()));
        assertThat(got).isSubsetOf(names).isNotEmpty();
        body.get("metrics").forEach(m -> m.get("buckets").forEach(b -> {
            assertThat(b.get("fromStep").asLong()).isBetween(0L, 3L);
            assertThat(b.get("toStep").asLong()).isBetween(0L, 3L);
        }));
    }

    @Test
    void givenBadOrUnknownRuns_whenAsked_thenTheAnswerSaysWhich() {
        assertThat(http.get("/api/v1/learning/no-such-run/metrics", "researcher-key").status()).isEqualTo(404);
        Http.Response bad = http.get("/api/v1/learning/" + run + "/metrics?buckets=0", "researcher-key");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("buckets");
        assertThat(http.get("/api/v1/learning/" + run + "/metrics", null).status()).isEqualTo(401);
    }

    private List<double[]> points(String runId, String name) throws Exception {
        List<double[]> out = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(
                "SELECT step, value FROM learning_metrics WHERE run_id = ? AND name = ? ORDER BY ts")) {
            st.setString(1, runId);
            st.setString(2, name);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new double[] {rs.getLong(1), rs.getDouble(2)});
                }
            }
        }
        return out;
    }

    private JsonNode sql(String query) {
        return http.postJson("/api/v1/sql", "researcher-key", java.util.Map.of("query", query, "limit", 1000)).json()
                .get("rows");
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + questDb.pgPort() + "/qdb",
                credentials.readOnlyUser(), credentials.readOnlyPassword());
    }
}
