package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules shipped in {@code deploy/prometheus} and the metrics they read, with Debian's Prometheus:
 * {@code promtool} checks the rules and runs their unit tests, then a real Prometheus scrapes this platform
 * with an ADMIN key, loads the rules, and must see Ante's meters with the values the requests made and every
 * rule evaluated without error and quiet on a healthy platform.
 */
class PrometheusIT extends SimulatedPlatformTestBase {

    private static final String AGENT = "agent-key";
    private static final String RESEARCHER = "researcher-key";
    private static final String ADMIN = "admin-key";

    private static final Path RULES = Path.of("..", "deploy", "prometheus").toAbsolutePath().normalize();

    @TempDir
    Path work;

    @Test
    void givenTheShippedRules_whenPromtoolChecksAndTestsThem_thenTheyPass() throws Exception {
        String promtool = tool("promtool");
        Run check = run(List.of(promtool, "check", "rules", "alerts.yml"), RULES);
        assertThat(check.exit()).as(check.out()).isZero();
        Run tests = run(List.of(promtool, "test", "rules", "alerts-test.yml"), RULES);
        assertThat(tests.exit()).as(tests.out()).isZero();
        assertThat(tests.out()).contains("SUCCESS");
    }

    @Test
    void givenAPrometheusScrapingThePlatform_whenRequestsArrive_thenItsMetersAndRulesAreThere() throws Exception {
        String prometheus = tool("prometheus");
        http = new Http(port);
        String game = "prom-" + System.nanoTime();
        List<Map<String, Object>> events = RandomGames.generate(game, 1, 5).get(0).events();
        Http.Response accepted = http.postJson("/api/v1/games/" + game + "/events", AGENT, events.subList(0, 10));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(http.postJson("/api/v1/games/" + game + "/events", AGENT, List.of()).status()).isEqualTo(400);
        assertThat(http.postJson("/api/v1/games/" + game + "/events", null, events.subList(10, 11)).status()).isEqualTo(401);
        assertThat(http.postJson("/api/v1/admin/backup", ADMIN, Map.of()).status()).isEqualTo(200);
        assertThat(http.postJson("/api/v1/sql", RESEARCHER, Map.of("query", "SELECT count() FROM game_metrics")).status())
                .isEqualTo(200);
        assertThat(http.postJson("/api/v1/sql", RESEARCHER, Map.of("query", "DROP TABLE game_metrics")).status())
                .isEqualTo(403);
        long handsSent = events.subList(0, 10).stream().filter(e -> e.get("type").equals("HandPlayed")).count();

        Files.writeString(work.resolve("key"), ADMIN);
        Files.writeString(work.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 2s
                  scrape_timeout: 2s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: ante
                    metrics_path: /actuator/prometheus
                    authorization:
                      type: Bearer
                      credentials_file: %s
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(RULES.resolve("alerts.yml"), work.resolve("key"), port));
        int promPort = freePort();
        Process server = new ProcessBuilder(prometheus, "--config.file=" + work.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + work.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + promPort)
                .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
        Http prom = new Http(promPort);
        try {
            JsonNode up = await(prom, "up{job=\"ante\"}", r -> r.size() == 1 && r.get(0).get("value").get(1).asText().equals("1"));
            assertThat(up.get(0).get("metric").get("instance").asText()).isEqualTo("127.0.0.1:" + port);

            JsonNode hands = await(prom, "sum(ante_events_appended_total{category=\"game\",type=\"HandPlayed\"})",
                    r -> r.size() == 1 && r.get(0).get("value").get(1).asDouble() >= handsSent);
            assertThat(hands.get(0).get("value").get(1).asDouble()).isGreaterThanOrEqualTo(handsSent);
            await(prom, "ante_ingest_requests_seconds_count{category=\"game\",status=\"400\"}",
                    r -> r.size() == 1 && r.get(0).get("value").get(1).asDouble() >= 1);
            await(prom, "ante_ingest_requests_seconds_count{category=\"game\",status=\"401\"}",
                    r -> r.size() == 1 && r.get(0).get("value").get(1).asDouble() >= 1);
            await(prom, "ante_ingest_requests_seconds_bucket{category=\"game\",status=\"200\",le=\"+Inf\"}",
                    r -> r.size() == 1);
            // The append's request is observed under its endpoint's pattern, as the dashboards group it.
            await(prom, "http_server_requests_seconds_count{method=\"POST\",uri=\"/api/v1/games/{gameId}/events\",status=\"200\"}",
                    r -> r.size() == 1 && r.get(0).get("value").get(1).asDouble() >= 1);
            // Those appends took the write endpoints' fast path, which names the pattern as the dispatcher does.
            await(prom, "ante_ingest_fast_path_total", r -> r.size() == 1 && r.get(0).get("value").get(1).asDouble() >= 1);
            // ... by its timer alone: no long-task timer of the requests in flight beside it.
            Http.Response scrape = http.get("/actuator/prometheus", ADMIN);
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(scrape.text()).contains("http_server_requests_seconds_count")
                    .doesNotContain("http_server_requests_active");
            await(prom, "ante_projection_lag", r -> r.size() == 8);
            await(prom, "ante_projection_dead_letters", r -> r.size() == 8);
            await(prom, "ante_sql_queries_seconds_count{outcome=\"ok\"}", r -> r.size() == 1);
            await(prom, "ante_sql_queries_seconds_count{outcome=\"forbidden\"}", r -> r.size() == 1);
            await(prom, "ante_backup_last_success_seconds", r -> r.size() == 1 && r.get(0).get("value").get(1).asDouble() > 0);
            await(prom, "disk_free_bytes{path=\"" + dataDir().toAbsolutePath() + "\"}", r -> r.size() == 1);

            // Every rule loaded and evaluated cleanly; none is pending or firing for this healthy platform.
            JsonNode rules = awaitRules(prom);
            List<String> names = new ArrayList<>();
            for (JsonNode rule : rules) {
                names.add(rule.get("name").asText());
                assertThat(rule.get("health").asText()).as(rule.get("name").asText() + ": " + rule.get("lastError"))
                        .isEqualTo("ok");
            }
            assertThat(names).contains("AnteDown", "AnteProjectionLagGrowing", "AnteProjectionFailing",
                    "AnteDeadLettersParked", "AnteIngestServerErrors", "AnteIngestRejectionsHigh",
                    "AnteAppendLatencyHigh", "AnteDiskLow", "AnteBackupStale", "AnteStreamClientsDropped");
            JsonNode alerts = prom.get("/api/v1/alerts", null).json().get("data").get("alerts");
            List<String> active = new ArrayList<>();
            for (JsonNode alert : alerts) {
                String name = alert.get("labels").get("alertname").asText();
                // A machine whose disk really is nearly full is right to say so.
                if (!(name.equals("AnteDiskLow") && diskNearlyFull())) {
                    active.add(alert.toString());
                }
            }
            assertThat(active).isEmpty();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- targets ---\n" + prom.get("/api/v1/targets", null).text()
                    + "\n--- prometheus log ---\n"
                    + Files.readString(work.resolve("prometheus.log")), e);
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static JsonNode await(Http prom, String query, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode result = null;
        while (System.nanoTime() < deadline) {
            try {
                Http.Response r = prom.get("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), null);
                if (r.status() == 200) {
                    result = r.json().get("data").get("result");
                    if (done.test(result)) {
                        return result;
                    }
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Prometheus never answered " + query + " as expected; last: " + result);
    }

    /** The rules once each has been evaluated at least twice. */
    private static JsonNode awaitRules(Http prom) throws InterruptedException {
        Thread.sleep(2_500);
        JsonNode groups = prom.get("/api/v1/rules", null).json().get("data").get("groups");
        assertThat(groups).hasSize(1);
        return groups.get(0).get("rules");
    }

    private static boolean diskNearlyFull() throws IOException {
        java.nio.file.FileStore disk = Files.getFileStore(dataDir());
        return disk.getUsableSpace() < 0.1 * disk.getTotalSpace();
    }

    private static String tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        assumeTrue(false, "no " + name + " on the PATH (Debian: apt-get install prometheus): the alert rules and "
                + "the metrics they read are not tested");
        return null;
    }

    private record Run(int exit, String out) {
    }

    private static Run run(List<String> command, Path dir) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
