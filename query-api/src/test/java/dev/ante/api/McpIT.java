package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The MCP server at {@code /mcp} through the SDK's own client over streamable HTTP: the eleven tools listed
 * with their schemas, each tool's JSON equal to the body of the endpoint it names, a write refused exactly as
 * the SQL endpoint refuses it, the resources readable, and nothing without a key.
 */
class McpIT extends SimulatedPlatformTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOOLS = List.of("list_tables", "describe_table", "run_sql", "joker_synergies",
            "joker_tier_list", "strategy_leaderboard", "compare_strategies", "game_state", "diff_games",
            "learning_curve", "projection_status");

    @Value("${ante.data-dir}")
    Path dataDir;

    private McpSyncClient client;

    @BeforeEach
    void connect() throws Exception {
        simulatedGames();
        client = client("researcher-key");
        client.initialize();
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    private McpSyncClient client(String key) {
        HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + port).endpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(JSON));
        if (key != null) {
            transport.requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + key));
        }
        return McpClient.sync(transport.build()).requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void givenAKey_whenListingTools_thenTheElevenAreThereWithDescribedSchemas() {
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrderElementsOf(TOOLS);
        for (McpSchema.Tool tool : tools) {
            assertThat(tool.description()).as(tool.name()).hasSizeGreaterThan(60);
            assertThat(tool.inputSchema().get("type")).as(tool.name()).isEqualTo("object");
            ((Map<?, ?>) tool.inputSchema().get("properties")).forEach((name, property) -> assertThat(
                    ((Map<?, ?>) property).get("description")).as(tool.name() + "." + name).isNotNull());
            assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isTrue();
        }
        assertThat(client.getServerInstructions()).contains("run_sql");
    }

    @Test
    void givenEachTool_whenCalled_thenItsJsonIsTheEndpointsBody() throws Exception {
        assertThat(call("list_tables", Map.of())).isEqualTo(sql("SHOW TABLES", 200));
        assertThat(call("describe_table", Map.of("table", "game_outcomes")))
                .isEqualTo(sql("SHOW COLUMNS FROM game_outcomes", 200));
        String query = "SELECT outcome, count() n FROM game_outcomes ORDER BY outcome";
        assertThat(call("run_sql", Map.of("query", query, "limit", 10))).isEqualTo(sql(query, 10));

        assertThat(call("joker_synergies", Map.of("size", "single", "sort", "games", "limit", 20)))
                .isEqualTo(get("/api/v1/synergies?size=single&sort=games&limit=20"));
        assertThat(call("joker_synergies", Map.of())).isEqualTo(get("/api/v1/synergies"));
        assertThat(call("joker_tier_list", Map.of("minGames", 0, "sort", "pickRate")))
                .isEqualTo(get("/api/v1/jokers?minGames=0&sort=pickRate"));
        JsonNode leaderboard = call("strategy_leaderboard", Map.of("minGames", 0, "limit", 100));
        assertThat(leaderboard).isEqualTo(get("/api/v1/strategies/leaderboard?minGames=0&limit=100"));

        String a = leaderboard.get("items").get(0).get("strategyId").asText();
        String b = leaderboard.get("items").get(1).get("strategyId").asText();
        assertThat(call("compare_strategies", Map.of("a", a, "b", b)))
                .isEqualTo(get("/api/v1/strategies/compare?a=" + a + "&b=" + b));
        assertThat(call("compare_strategies", Map.of("a", a, "b", b, "pairedBySeed", true)))
                .isEqualTo(get("/api/v1/strategies/compare?a=" + a + "&b=" + b + "&pairedBySeed=true"));

        JsonNode games = get("/api/v1/games?limit=2");
        String first = games.get("items").get(0).get("gameId").asText();
        String second = games.get("items").get(1).get("gameId").asText();
        assertThat(call("game_state", Map.of("gameId", first)))
                .isEqualTo(get("/api/v1/games/" + first + "/state"));
        assertThat(call("game_state", Map.of("gameId", first, "atRevision", 3)))
                .isEqualTo(get("/api/v1/games/" + first + "/state?atRevision=3"));

        JsonNode run = sql("SELECT run_id, name FROM learning_metrics LIMIT 1", 1).get("rows").get(0);
        String runId = run.get(0).asText();
        assertThat(call("learning_curve", Map.of("runId", runId, "buckets", 7)))
                .isEqualTo(get("/api/v1/learning/" + runId + "/metrics?buckets=7"));
        assertThat(call("learning_curve", Map.of("runId", runId, "name", run.get(1).asText(), "fromStep", 0,
                "toStep", 20, "buckets", 3))).isEqualTo(get("/api/v1/learning/" + runId + "/metrics?name="
                + run.get(1).asText() + "&fromStep=0&toStep=20&buckets=3"));

        // Rates are sampled once a second: at rest they read 0 in both, but only positions are sure to agree.
        assertThat(withoutRates(call("projection_status", Map.of())))
                .isEqualTo(withoutRates(get("/api/v1/projections")));

        JsonNode diff = call("diff_games", Map.of("gameA", first, "gameB", second));
        JsonNode stateA = get("/api/v1/games/" + first + "/state");
        JsonNode stateB = get("/api/v1/games/" + second + "/state");
        assertThat(diff.get("a").get("revision")).isEqualTo(stateA.get("revision"));
        assertThat(diff.get("b").get("status")).isEqualTo(stateB.get("status"));
        Map<String, JsonNode[]> expected = new HashMap<>();
        stateA.fieldNames().forEachRemaining(field -> {
            boolean nested = stateA.get(field).isObject() && stateB.path(field).isObject();
            if (!field.equals("gameId") && !field.equals("stream") && !nested
                    && !stateA.get(field).equals(stateB.get(field))) {
                expected.put(field, new JsonNode[] {stateA.get(field), stateB.get(field)});
            }
        });
        Map<String, JsonNode[]> actual = new HashMap<>();
        diff.get("state").forEach(row -> {
            if (!row.get("field").asText().contains(".")) {
                actual.put(row.get("field").asText(), new JsonNode[] {row.get("a"), row.get("b")});
            }
        });
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((field, values) -> assertThat(actual.get(field)).as(field).containsExactly(values));
        // GameStarted carries each game's own agent and seed: two games part at revision 0.
        assertThat(diff.get("events").get("relation").asText()).isEqualTo("diverged");
        assertThat(diff.get("events").get("revision").asLong()).isZero();

        JsonNode same = call("diff_games", Map.of("gameA", first, "gameB", first));
        assertThat(same.get("state")).isEmpty();
        assertThat(same.get("events").get("relation").asText()).isEqualTo("identical");
        assertThat(same.get("events").get("revision")).isEqualTo(stateA.get("revision"));
    }

    @Test
    void givenAWriteThroughRunSql_whenCalled_thenRefusedAsTheSqlEndpointRefusesIt() throws Exception {
        String drop = "DROP TABLE game_outcomes";
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("run_sql",
                Map.of("query", drop)));
        assertThat(result.isError()).isTrue();
        Http.Response rest = http.postJson("/api/v1/sql", "researcher-key", Map.of("query", drop, "limit", 200));
        assertThat(rest.status()).isEqualTo(403);
        assertThat(JSON.readTree(text(result, 0))).isEqualTo(rest.json());
        assertThat(text(result, 1)).startsWith("Refused with HTTP 403");
        assertThat(sql("SELECT count() FROM game_outcomes", 1).get("rows").get(0).get(0).asLong()).isPositive();
    }

    @Test
    void givenBadArguments_whenCalled_thenAToolErrorNamesThem() throws Exception {
        McpSchema.CallToolResult unknownGame = client.callTool(new McpSchema.CallToolRequest("game_state",
                Map.of("gameId", "no-such-game")));
        assertThat(unknownGame.isError()).isTrue();
        assertThat(JSON.readTree(text(unknownGame, 0)).get("status").asInt()).isEqualTo(404);

        McpSchema.CallToolResult badSort = client.callTool(new McpSchema.CallToolRequest("joker_tier_list",
                Map.of("sort", "luck")));
        assertThat(badSort.isError()).isTrue();
        assertThat(text(badSort, 0) + text(badSort, badSort.content().size() - 1)).contains("sort");

        McpSchema.CallToolResult badTable = client.callTool(new McpSchema.CallToolRequest("describe_table",
                Map.of("table", "game_outcomes; DROP TABLE game_outcomes")));
        assertThat(badTable.isError()).isTrue();
    }

    @Test
    void givenTheResources_whenRead_thenTheCatalogAndTheTablesAreThere() {
        List<McpSchema.Resource> resources = client.listResources().resources();
        assertThat(resources).extracting(McpSchema.Resource::uri)
                .containsExactlyInAnyOrder("ante://docs/event-catalog", "ante://docs/questdb-tables");
        String catalog = resourceText("ante://docs/event-catalog");
        for (String type : List.of("GameStarted", "HandPlayed", "ShopEntered", "GameCompleted", "StrategyRegistered",
                "MetricRecorded")) {
            assertThat(catalog).contains(type);
        }
        String tables = resourceText("ante://docs/questdb-tables");
        for (String table : List.of("game_metrics", "decision_points", "joker_synergies", "economic_flow",
                "game_outcomes", "learning_metrics")) {
            assertThat(tables).contains(table);
        }
        assertThat(tables).doesNotContain("## Grafana");
    }

    @Test
    void givenNoKey_whenConnecting_then401AndNoSession() {
        Http.Response raw = http.post("/mcp", null, "application/json",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
        assertThat(raw.status()).isEqualTo(401);
        Http.Response wrong = http.post("/mcp", "not-a-key", "application/json",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
        assertThat(wrong.status()).isEqualTo(401);
        McpSyncClient anonymous = client(null);
        assertThatThrownBy(anonymous::initialize).isInstanceOf(RuntimeException.class);
        anonymous.close();
    }

    @Test
    void givenTheRunningPlatform_thenItsAddressIsInTheDataDirectoryForTheStdioServer() throws Exception {
        assertThat(Files.readString(dataDir.resolve("platform.url")).trim()).isEqualTo("http://127.0.0.1:" + port);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private JsonNode call(String tool, Map<String, Object> arguments) throws Exception {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        assertThat(result.isError()).as(tool + ": " + text(result, 0)).isFalse();
        assertThat(result.content()).as(tool).hasSize(2);
        assertThat(text(result, 1)).as(tool + " summary").isNotBlank();
        return JSON.readTree(text(result, 0));
    }

    private static String text(McpSchema.CallToolResult result, int index) {
        return ((McpSchema.TextContent) result.content().get(index)).text();
    }

    private String resourceText(String uri) {
        McpSchema.ReadResourceResult result = client.readResource(new McpSchema.ReadResourceRequest(uri));
        return ((McpSchema.TextResourceContents) result.contents().get(0)).text();
    }

    private JsonNode get(String path) {
        Http.Response response = http.get(path, "researcher-key");
        assertThat(response.status()).as(path + ": " + response.text()).isEqualTo(200);
        return response.json();
    }

    private JsonNode sql(String query, int limit) {
        Http.Response response = http.postJson("/api/v1/sql", "researcher-key", Map.of("query", query, "limit", limit));
        assertThat(response.status()).as(query + ": " + response.text()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode withoutRates(JsonNode projections) {
        JsonNode copy = projections.deepCopy();
        List<JsonNode> items = new ArrayList<>();
        copy.get("items").forEach(items::add);
        for (JsonNode item : items) {
            ((ObjectNode) item).remove(List.of("rate", "etaSeconds"));
        }
        return copy;
    }
}
