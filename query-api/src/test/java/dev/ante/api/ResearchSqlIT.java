package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.api.timeseries.ResearchQuerySlots;
import dev.ante.projections.timeseries.QuestDb;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Researchers' SQL against the real embedded QuestDB over real HTTP: results bounded in bytes, QuestDB's
 * own time limit taken from Ante's setting, a cap on queries at once, and the allow-list.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ante.security.agent-keys=agent-key", "ante.security.researcher-keys=researcher-key",
        "ante.security.admin-keys=admin-key", "ante.questdb.mode=embedded", "ante.questdb.http-port=0",
        "ante.questdb.pg-port=0", "ante.questdb.query-timeout=2s", "ante.questdb.max-concurrent-queries=1",
        "ante.questdb.server[wal.apply.worker.sleep.threshold]=500", "ante.questdb.server[query.timeout]=1h"})
class ResearchSqlIT {

    private static final Path DATA_DIR = DataDirs.fresh("ante-research-sql-");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MAX_RESULT_BYTES = 8L * 1024 * 1024;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ante.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    QuestDb questDb;

    @Autowired
    ResearchQuerySlots slots;

    private Http.Response sql(String query, Integer limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        if (limit != null) {
            body.put("limit", limit);
        }
        return new Http(port).postJson("/api/v1/sql", "researcher-key", body);
    }

    @Test
    void givenAResultOfAGigabyte_whenQueried_thenCutAtTheByteLimitAndThePlatformStillAnswers() throws Exception {
        Http http = new Http(port);
        HttpRequest request = http.builder("/api/v1/sql", "researcher-key")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(Map.of(
                        "query", "SELECT rpad('a',100000,'b') s FROM long_sequence(10000)", "limit", 10000))))
                .build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = response.body()) {
            // Read at most twice the limit, so a broken limit fails here rather than exhausting the test's heap.
            body = in.readNBytes((int) (2 * MAX_RESULT_BYTES));
        }
        assertThat(response.statusCode()).as(new String(body, 0, Math.min(body.length, 500))).isEqualTo(200);
        assertThat((long) body.length).isLessThanOrEqualTo(MAX_RESULT_BYTES);
        JsonNode json = MAPPER.readTree(body);
        assertThat(json.get("truncated").asBoolean()).isTrue();
        assertThat(json.get("rows").size()).isBetween(1, 100);
        assertThat(json.get("rows").get(0).get(0).asText()).hasSize(100_000);

        Http.Response after = sql("SELECT count() FROM long_sequence(3)", null);
        assertThat(after.status()).as(after.text()).isEqualTo(200);
        assertThat(after.json().get("rows").get(0).get(0).asLong()).isEqualTo(3);
        assertThat(http.get("/actuator/health", "admin-key").json().get("components").get("questdb").get("status").asText())
                .isEqualTo("UP");
    }

    @Test
    void givenAValueOverQuestDbsOwnBound_whenQueried_thenAPreciseRefusalAndNoHugeString() {
        // QuestDB builds no text value over 1 MiB and sends no row over its 1 MiB buffer: a single value
        // never reaches Ante larger than that (Ante cuts values above max-result-bytes; see JsonSizeTest).
        Http.Response r = sql("SELECT string_agg(rpad('a', 1048576, 'b'), ',') s FROM long_sequence(100)", 10);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("message").asText()).contains("exceeds max size");
        Http.Response wide = sql("SELECT concat(rpad('a', 1048576, 'b'), rpad('a', 1048576, 'b')) s"
                + " FROM long_sequence(2)", 10);
        assertThat(wide.status()).as(wide.text()).isEqualTo(400);
        assertThat(sql("SELECT 1", null).status()).isEqualTo(200);
    }

    @Test
    void givenAntesTimeout_whenQuestDbStarts_thenShowParametersReportsItFromTheEnvironment() throws Exception {
        Map<String, String[]> parameters = new LinkedHashMap<>();
        try (Connection c = questDb.admin(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW PARAMETERS")) {
            while (rs.next()) {
                parameters.put(rs.getString("property_path"),
                        new String[] {rs.getString("value"), rs.getString("value_source")});
            }
        }
        // query.timeout is the one QuestDB 9.1 applies; its generated server.conf sets it to 1m, and the
        // pass-through of server settings cannot override it either.
        assertThat(parameters.get("query.timeout")).containsExactly("2s", "env");
        assertThat(parameters.get("wal.apply.worker.sleep.threshold")).containsExactly("500", "env");
        // One write thread applies the WALs and does their out-of-order merges itself: no apply thread
        // spinning while another thread holds its tasks.
        assertThat(parameters.get("wal.apply.worker.count")).containsExactly("0", "env");
        assertThat(parameters.get("shared.write.worker.count")).containsExactly("1", "env");
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("wal-apply"))
                .anyMatch(name -> name.startsWith("shared-write"));
    }

    @Test
    void givenARunawayQuery_whenItOutlivesTheTimeout_thenGatewayTimeoutProblem() {
        Http.Response r = sql("SELECT sum(x*x) FROM long_sequence(100000000000)", null);
        assertThat(r.status()).as(r.text()).isEqualTo(504);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("title").asText()).isEqualTo("Query timed out");
        assertThat(r.json().get("timeoutSeconds").asLong()).isEqualTo(2);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("query");
        assertThat(r.json().get("errors").get(0).get("message").asText()).contains("ante.questdb.query-timeout");
        assertThat(sql("SELECT 1", null).status()).isEqualTo(200);
    }

    @Test
    void givenEverySlotTaken_whenAQueryArrives_thenTooManyRequestsWithRetryAfter() {
        // The test holds the only slot, as a long query would: no race with a query's duration.
        assertThat(slots.tryAcquire()).isTrue();
        try {
            Http.Response r = sql("SELECT 1", null);
            assertThat(r.status()).as(r.text()).isEqualTo(429);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(r.json().get("title").asText()).isEqualTo("Too many queries");
            assertThat(r.json().get("errors").get(0).get("message").asText())
                    .contains("ante.questdb.max-concurrent-queries");
            // A refused query is refused before it needs a slot.
            assertThat(sql("SELECT dump_thread_stacks()", null).status()).isEqualTo(403);
        } finally {
            slots.release();
        }
        assertThat(sql("SELECT 1", null).status()).isEqualTo(200);
        assertThat(slots.inUse()).isZero();
    }

    @Test
    void givenIntrospectionOrSideEffects_whenQueried_thenForbiddenNamingWhat() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("SELECT dump_thread_stacks()", "dump_thread_stacks()");
        refused.put("SELECT dump_memory_usage()", "dump_memory_usage()");
        refused.put("SELECT flush_query_cache()", "flush_query_cache()");
        refused.put("SELECT hydrate_table_metadata('*')", "hydrate_table_metadata()");
        refused.put("SELECT * FROM query_activity()", "query_activity()");
        refused.put("SELECT * FROM reader_pool", "reader_pool()");
        refused.put("SELECT * FROM writer_pool()", "writer_pool()");
        refused.put("SELECT * FROM memory_metrics()", "memory_metrics()");
        refused.put("SELECT * FROM table_storage()", "table_storage()");
        refused.put("SELECT * FROM wal_tables()", "wal_tables()");
        refused.put("SELECT * FROM 'sys.telemetry_config'", "sys.telemetry_config");
        refused.put("SELECT * FROM ante_schema_version", "ante_schema_version");
        refused.put("SHOW PARAMETERS", "SHOW PARAMETERS");
        for (Map.Entry<String, String> q : refused.entrySet()) {
            Http.Response r = sql(q.getKey(), null);
            assertThat(r.status()).as(q.getKey() + ": " + r.text()).isEqualTo(403);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("query");
            assertThat(r.json().get("errors").get(0).get("message").asText()).as(q.getKey()).contains(q.getValue());
        }
        for (String allowed : List.of("SHOW TABLES", "SHOW COLUMNS FROM game_metrics", "SELECT * FROM tables()",
                "SELECT * FROM table_columns('learning_metrics')", "SHOW CREATE TABLE decision_points")) {
            Http.Response r = sql(allowed, null);
            assertThat(r.status()).as(allowed + ": " + r.text()).isEqualTo(200);
        }
    }

    @Test
    void givenATenThousandCharacterLiteral_whenQueried_thenAnsweredWithoutAServerError() {
        String literal = "x".repeat(10_000);
        Http.Response r = sql("SELECT '" + literal + "' s FROM long_sequence(1)", null);
        assertThat(r.status()).as(r.text().substring(0, Math.min(500, r.text().length()))).isEqualTo(200);
        assertThat(r.json().get("rows").get(0).get(0).asText()).isEqualTo(literal);

        Http.Response unterminated = sql("SELECT '" + literal, null);
        assertThat(unterminated.status()).isEqualTo(400);
        assertThat(unterminated.text().length()).isLessThan(2_000);
        assertThat(unterminated.json().get("errors").get(0).get("message").asText())
                .contains("unterminated string starting at character 8");
    }
}
