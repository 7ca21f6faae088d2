package dev.ante.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.GameId;
import dev.ante.domain.game.GameEvent;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay-tool mcp} over stdio, started from the packaged jar the way a desktop MCP client starts it,
 * against the real platform (its own jar, in another JVM): the SDK's stdio client lists the eleven tools, and
 * the tools answer what the platform's endpoints answer, whether the tool was given the platform's URL or its
 * data directory.
 */
class McpStdioIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOOLS = List.of("list_tables", "describe_table", "run_sql", "joker_synergies",
            "joker_tier_list", "strategy_leaderboard", "compare_strategies", "game_state", "diff_games",
            "learning_curve", "projection_status");

    @TempDir
    static Path workDir;

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.start(workDir);
        Random random = new Random(7);
        for (int i = 0; i < 3; i++) {
            List<GameEvent> events = RandomGames.game(random, 40, i == 1);
            platform.post(GameId.of("mcp-" + i), events, 50);
        }
        platform.awaitReadModels();
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    private static McpSyncClient client(String... arguments) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of("-jar", System.getProperty("ante.replay.jar"), "mcp"));
        command.addAll(List.of(arguments));
        ServerParameters parameters = ServerParameters.builder(java).args(command).build();
        McpSyncClient client = McpClient.sync(new StdioClientTransport(parameters,
                        new JacksonMcpJsonMapper(JSON)))
                .requestTimeout(Duration.ofSeconds(30)).initializationTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
        return client;
    }

    @Test
    void givenTheDataDirectory_whenToolsAreCalledOverStdio_thenTheyAnswerAsThePlatformsEndpoints() throws Exception {
        try (McpSyncClient client = client("--source", platform.dataDir().toString(), "--api-key",
                Platform.RESEARCHER_KEY)) {
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrderElementsOf(TOOLS);
            assertThat(call(client, "game_state", Map.of("gameId", "mcp-1", "atRevision", 10)))
                    .isEqualTo(platform.getJson("/api/v1/games/mcp-1/state?atRevision=10"));
            assertThat(call(client, "joker_synergies", Map.of("size", "single", "limit", 200)))
                    .isEqualTo(platform.getJson("/api/v1/synergies?size=single&limit=200"));
            JsonNode same = call(client, "diff_games", Map.of("gameA", "mcp-2", "gameB", "mcp-2"));
            assertThat(same.get("events").get("relation").asText()).isEqualTo("identical");
            // This platform runs without QuestDB: the SQL tools say so, as the endpoint does.
            McpSchema.CallToolResult tables = client.callTool(new McpSchema.CallToolRequest("list_tables", Map.of()));
            assertThat(tables.isError()).isTrue();
            assertThat(JSON.readTree(text(tables, 0)).get("status").asInt()).isEqualTo(503);
            assertThat(client.listResources().resources()).hasSize(2);
        }
    }

    @Test
    void givenTheUrl_whenToolsAreCalledOverStdio_thenTheyAnswerAsThePlatformsEndpoints() throws Exception {
        try (McpSyncClient client = client("--source", platform.url(), "--api-key", Platform.RESEARCHER_KEY)) {
            assertThat(call(client, "strategy_leaderboard", Map.of("minGames", 0)))
                    .isEqualTo(platform.getJson("/api/v1/strategies/leaderboard?minGames=0"));
            assertThat(call(client, "joker_tier_list", Map.of("minGames", 0, "limit", 200)))
                    .isEqualTo(platform.getJson("/api/v1/jokers?minGames=0&limit=200"));
        }
    }

    @Test
    void givenAWrongKey_whenAToolIsCalled_thenItIsRefusedWith401() throws Exception {
        try (McpSyncClient client = client("--source", platform.url(), "--api-key", "not-a-key")) {
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("projection_status",
                    Map.of()));
            assertThat(result.isError()).isTrue();
            assertThat(JSON.readTree(text(result, 0)).get("status").asInt()).isEqualTo(401);
        }
    }

    private static JsonNode call(McpSyncClient client, String tool, Map<String, Object> arguments) throws Exception {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        assertThat(result.isError()).as(tool + ": " + text(result, 0)).isFalse();
        return JSON.readTree(text(result, 0));
    }

    private static String text(McpSchema.CallToolResult result, int index) {
        return ((McpSchema.TextContent) result.content().get(index)).text();
    }
}
