package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.api.timeseries.EmbeddedQuestDb;
import dev.ante.api.timeseries.QuestDbCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;

/**
 * The provisioned Grafana dashboards ({@code deploy/grafana/dashboards}), checked without Grafana (none runs
 * here): every QuestDB panel's SQL, with the plugin's macros expanded as the plugin expands them and every
 * variable at "All" and then each one alone at a value its own query returns, is run on the embedded QuestDB holding
 * simulated games, as the read-only user Grafana connects as, and must return rows; every metric a
 * Prometheus panel names must be in a scrape of {@code /actuator/prometheus}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrafanaDashboardsIT extends SimulatedPlatformTestBase {

    private static final Path GRAFANA = Path.of("..", "deploy", "grafana");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");
    private static final Pattern CONDITIONAL_ALL = Pattern.compile(
            "\\$__conditionalAll\\(((?:[^()]|\\([^()]*\\))*),\\s*\\$\\{?(\\w+)}?\\)");
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "avg", "count", "rate", "irate",
            "increase", "by", "without", "on", "ignoring", "group_left", "group_right", "histogram_quantile",
            "and", "or", "unless", "offset", "bool", "topk", "bottomk", "abs", "clamp_min", "clamp_max",
            "delta", "deriv", "time", "vector", "scalar", "label_replace");

    @Autowired
    EmbeddedQuestDb questDb;

    @Autowired
    QuestDbCredentials credentials;

    private final Instant to = Instant.now().plus(1, ChronoUnit.HOURS);
    private final Instant from = to.minus(Duration.ofDays(2));

    @BeforeAll
    void games() throws Exception {
        simulatedGames();
        awaitTimeSeries();
    }

    @Test
    void givenTheProvisionedDashboards_whenListed_thenThereAreAtLeastFifteenWithUniqueIdsOnProvisionedSources()
            throws IOException {
        List<JsonNode> dashboards = dashboards();
        assertThat(dashboards).hasSizeGreaterThanOrEqualTo(15);
        assertThat(dashboards.stream().map(d -> d.get("uid").asText())).doesNotHaveDuplicates();
        assertThat(dashboards.stream().map(d -> d.get("title").asText())).doesNotHaveDuplicates();

        Map<String, Object> sources = yaml(GRAFANA.resolve("provisioning/datasources/questdb.yml"));
        Set<String> uids = new HashSet<>();
        for (Object source : (List<?>) sources.get("datasources")) {
            uids.add((String) ((Map<?, ?>) source).get("uid"));
        }
        for (JsonNode dashboard : dashboards) {
            for (JsonNode panel : dashboard.get("panels")) {
                assertThat(panel.get("targets")).as(title(dashboard, panel)).isNotEmpty();
                for (JsonNode target : panel.get("targets")) {
                    assertThat(uids).as(title(dashboard, panel)).contains(target.get("datasource").get("uid").asText());
                }
            }
        }
        Map<String, Object> provider = yaml(GRAFANA.resolve("provisioning/dashboards/ante.yml"));
        assertThat(provider.toString()).contains("/var/lib/grafana/dashboards/ante");
        assertThat(Files.readString(Path.of("..", "docker-compose.yml")))
                .contains("./deploy/grafana/dashboards:/var/lib/grafana/dashboards/ante");
    }

    @Test
    void givenSimulatedGames_whenEveryQuestDbPanelRuns_thenEachReturnsRowsAtAllAndWithEachVariableAtOneValue()
            throws Exception {
        int queries = 0;
        List<String> failures = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + questDb.pgPort() + "/qdb",
                credentials.readOnlyUser(), credentials.readOnlyPassword())) {
            for (JsonNode dashboard : dashboards()) {
                Map<String, String> chosen = new LinkedHashMap<>();
                for (JsonNode variable : dashboard.path("templating").path("list")) {
                    String sql = variable.get("query").asText();
                    List<List<Object>> values = run(db, expand(sql, Map.of()));
                    assertThat(values).as(dashboard.get("title").asText() + " variable " + variable.get("name"))
                            .isNotEmpty();
                    chosen.put(variable.get("name").asText(), String.valueOf(values.get(0).get(0)));
                    queries++;
                }
                for (JsonNode panel : dashboard.get("panels")) {
                    for (JsonNode target : panel.get("targets")) {
                        if (!target.has("rawSql")) {
                            continue;
                        }
                        String raw = target.get("rawSql").asText();
                        // Every variable at "All", then each one alone at a value its query returned.
                        List<Map<String, String>> variants = new ArrayList<>();
                        variants.add(Map.of());
                        chosen.forEach((name, value) -> variants.add(Map.of(name, value)));
                        for (Map<String, String> values : variants) {
                            String sql = expand(raw, values);
                            queries++;
                            try {
                                if (run(db, sql).isEmpty()) {
                                    failures.add(title(dashboard, panel) + " returned no rows: " + sql);
                                }
                            } catch (SQLException e) {
                                failures.add(title(dashboard, panel) + " failed: " + e.getMessage() + "\n  " + sql);
                            }
                        }
                    }
                }
            }
        }
        assertThat(failures).as("of %d queries", queries).isEmpty();
        assertThat(queries).isGreaterThan(60);
    }

    @Test
    void givenThePlatformsMetrics_whenEveryPrometheusPanelIsRead_thenEveryMetricItNamesIsScraped() throws Exception {
        Http.Response response = http.get("/actuator/prometheus", "admin-key");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        String scrape = response.text();
        Set<String> scraped = new HashSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                scraped.add(line.split("[{ ]", 2)[0]);
            }
        }
        int checked = 0;
        for (JsonNode dashboard : dashboards()) {
            for (JsonNode panel : dashboard.get("panels")) {
                for (JsonNode target : panel.get("targets")) {
                    if (!target.has("expr")) {
                        continue;
                    }
                    for (String metric : metrics(target.get("expr").asText())) {
                        assertThat(scraped).as(title(dashboard, panel) + " names " + metric).contains(metric);
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /** The plugin's macros as it expands them; each variable at "All" unless {@code values} gives one. */
    private String expand(String sql, Map<String, String> values) {
        Matcher all = CONDITIONAL_ALL.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (all.find()) {
            String value = values.get(all.group(2));
            all.appendReplacement(out, Matcher.quoteReplacement(value == null ? "1=1" : all.group(1)));
        }
        all.appendTail(out);
        String expanded = out.toString()
                .replaceAll("\\$__timeFilter\\((\\w+)\\)", "$1 >= cast(" + micros(from) + " as timestamp) AND $1 <= cast("
                        + micros(to) + " as timestamp)")
                .replace("$__fromTime", "cast(" + micros(from) + " as timestamp)")
                .replace("$__toTime", "cast(" + micros(to) + " as timestamp)")
                .replace("$__sampleByInterval", "15m");
        // Multi-value variables: the plugin writes the chosen values quoted and comma-separated.
        Matcher variable = VARIABLE.matcher(expanded);
        StringBuilder result = new StringBuilder();
        while (variable.find()) {
            String value = values.get(variable.group(1));
            if (value == null) {
                throw new AssertionError("variable $" + variable.group(1) + " is used outside $__conditionalAll in "
                        + sql);
            }
            variable.appendReplacement(result, Matcher.quoteReplacement("'" + value.replace("'", "''") + "'"));
        }
        variable.appendTail(result);
        return result.toString();
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenTheLearningAlertRules_whenTheirQueriesRunOnQuestDb_thenEachAnswersTextLabelsAndOneNumber()
            throws Exception {
        Map<String, Object> file = yaml(GRAFANA.resolve("provisioning").resolve("alerting").resolve("learning.yml"));
        Set<String> sources = new HashSet<>(Set.of("__expr__"));
        for (Map<String, Object> source : (List<Map<String, Object>>) yaml(GRAFANA.resolve("provisioning")
                .resolve("datasources").resolve("questdb.yml")).get("datasources")) {
            sources.add((String) source.get("uid"));
        }
        Map<String, Integer> rowsByRule = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + questDb.pgPort() + "/qdb",
                credentials.readOnlyUser(), credentials.readOnlyPassword())) {
            for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    String title = (String) rule.get("title");
                    List<Map<String, Object>> data = (List<Map<String, Object>>) rule.get("data");
                    Set<String> refIds = new HashSet<>();
                    data.forEach(d -> refIds.add((String) d.get("refId")));
                    assertThat(refIds).as(title).contains((String) rule.get("condition"));
                    for (Map<String, Object> query : data) {
                        assertThat(sources).as(title).contains((String) query.get("datasourceUid"));
                        Map<String, Object> model = (Map<String, Object>) query.get("model");
                        if (model.containsKey("expression")) {
                            assertThat(refIds).as(title).contains((String) model.get("expression"));
                        }
                        if (!model.containsKey("rawSql")) {
                            continue;
                        }
                        // The simulated games were played over the last three hours: the windows are widened to two
                        // days so that each query meets data.
                        String sql = ((String) model.get("rawSql")).replace("dateadd('h', -1, now())",
                                "dateadd('d', -2, now())");
                        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                            int numbers = 0;
                            int texts = 0;
                            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                                int type = rs.getMetaData().getColumnType(i);
                                if (type == Types.VARCHAR) {
                                    texts++;
                                } else if (type == Types.DOUBLE || type == Types.BIGINT || type == Types.INTEGER
                                        || type == Types.REAL) {
                                    numbers++;
                                }
                            }
                            assertThat(numbers).as(title + ": one value per alert instance").isEqualTo(1);
                            assertThat(texts).as(title + ": labels").isGreaterThanOrEqualTo(1);
                            int rows = 0;
                            while (rs.next()) {
                                rows++;
                            }
                            rowsByRule.put(title, rows);
                        }
                    }
                }
            }
        }
        assertThat(rowsByRule).hasSize(2);
        // One instance per simulated learning run.
        assertThat(rowsByRule.get("A learning run's metric crossed its threshold")).isGreaterThan(0);
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    private static List<List<Object>> run(Connection db, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The metric names in a PromQL expression: what is left after labels, groupings, ranges and functions. */
    static Set<String> metrics(String expr) {
        String bare = expr.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
        Set<String> names = new HashSet<>();
        Matcher m = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
        while (m.find()) {
            if (!PROMQL_WORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    private static List<JsonNode> dashboards() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(GRAFANA.resolve("dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                out.add(MAPPER.readTree(file.toFile()));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return (Map<String, Object>) new Yaml().load(in);
        }
    }

    private static String title(JsonNode dashboard, JsonNode panel) {
        return dashboard.get("title").asText() + " / " + panel.get("title").asText();
    }

    /** The time-series writers have caught up with the log (the base waits for every processor). */
    private void awaitTimeSeries() throws SQLException, InterruptedException {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + questDb.pgPort() + "/qdb",
                credentials.readOnlyUser(), credentials.readOnlyPassword())) {
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (run(db, "SELECT count() FROM game_outcomes").get(0).get(0).equals(0L)
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
    }
}
