package dev.ante.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Builds Ante's MCP server on the SDK, with the same tools and resources on either transport: stateless
 * streamable HTTP inside the platform, and stdio in the replay tool.
 */
public final class AnteMcpServers {

    /** What the server tells a client about itself when it connects. */
    static final String INSTRUCTIONS = "Ante holds every game that Balatro-playing agents post, as events, and "
            + "answers from exact read models and time series. For jokers use joker_synergies (combinations) and "
            + "joker_tier_list (pick rate vs win rate); for strategies strategy_leaderboard and compare_strategies; "
            + "for one game game_state and diff_games; for training runs learning_curve. For anything else, read "
            + "the 'QuestDB tables' resource, then list_tables / describe_table, then run_sql (read-only QuestDB "
            + "SQL). projection_status says whether the read models are caught up. Every tool is read-only.";

    private final AnteTools tools;
    private final McpJsonMapper json;
    private final Semaphore calls;
    private final String version;

    public AnteMcpServers(ObjectMapper mapper, ResultLimits limits, String version) {
        this.tools = new AnteTools(mapper, limits);
        this.json = new JacksonMcpJsonMapper(mapper);
        this.calls = new Semaphore(limits.maxConcurrentCalls());
        this.version = version;
    }

    /** The SDK's JSON mapper over Ante's. */
    public McpJsonMapper json() {
        return json;
    }

    /** A stateless server on {@code transport}; each call reads the API as {@code apiFor} says for its request. */
    public McpStatelessSyncServer stateless(McpStatelessServerTransport transport,
                                            Function<McpTransportContext, AnteApi> apiFor) {
        List<McpStatelessServerFeatures.SyncToolSpecification> specs = new ArrayList<>();
        for (AnteTool tool : tools.all()) {
            specs.add(new McpStatelessServerFeatures.SyncToolSpecification(schema(tool),
                    (context, request) -> call(tool, apiFor.apply(context), request)));
        }
        List<McpStatelessServerFeatures.SyncResourceSpecification> docs = new ArrayList<>();
        for (AnteResources.Doc doc : AnteResources.all()) {
            docs.add(new McpStatelessServerFeatures.SyncResourceSpecification(resource(doc),
                    (context, request) -> contents(doc)));
        }
        return McpServer.sync(transport).serverInfo("ante", version).instructions(INSTRUCTIONS)
                .jsonMapper(json).capabilities(capabilities()).validateToolInputs(true)
                .requestTimeout(Duration.ofSeconds(60)).tools(specs).resources(docs).build();
    }

    /** A server for one client on {@code transport} (stdio), reading the API through {@code api}. */
    public McpSyncServer session(McpServerTransportProvider transport, AnteApi api) {
        List<McpServerFeatures.SyncToolSpecification> specs = new ArrayList<>();
        for (AnteTool tool : tools.all()) {
            specs.add(new McpServerFeatures.SyncToolSpecification(schema(tool),
                    (exchange, request) -> call(tool, api, request)));
        }
        List<McpServerFeatures.SyncResourceSpecification> docs = new ArrayList<>();
        for (AnteResources.Doc doc : AnteResources.all()) {
            docs.add(new McpServerFeatures.SyncResourceSpecification(resource(doc),
                    (exchange, request) -> contents(doc)));
        }
        return McpServer.sync(transport).serverInfo("ante", version).instructions(INSTRUCTIONS)
                .jsonMapper(json).capabilities(capabilities()).validateToolInputs(true)
                .requestTimeout(Duration.ofSeconds(60)).tools(specs).resources(docs).build();
    }

    private static McpSchema.ServerCapabilities capabilities() {
        return McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build();
    }

    private static McpSchema.Tool schema(AnteTool tool) {
        return McpSchema.Tool.builder().name(tool.name()).title(tool.title()).description(tool.description())
                .inputSchema(tool.inputSchema())
                .annotations(McpSchema.ToolAnnotations.builder().title(tool.title()).readOnlyHint(true)
                        .destructiveHint(false).idempotentHint(true).openWorldHint(false).build())
                .build();
    }

    private static McpSchema.Resource resource(AnteResources.Doc doc) {
        return McpSchema.Resource.builder().uri(doc.uri()).name(doc.name()).title(doc.title())
                .description(doc.description()).mimeType("text/markdown").build();
    }

    private static McpSchema.ReadResourceResult contents(AnteResources.Doc doc) {
        return new McpSchema.ReadResourceResult(List.of(
                new McpSchema.TextResourceContents(doc.uri(), "text/markdown", doc.text())));
    }

    /** One call: bounded in number, refusals and failures answered as tool errors rather than thrown. */
    private McpSchema.CallToolResult call(AnteTool tool, AnteApi api, McpSchema.CallToolRequest request) {
        if (!calls.tryAcquire()) {
            return result(AnteTools.failed(429, "busy", "Busy: " + tools.limits().maxConcurrentCalls()
                    + " tool calls are running; try again in a moment."));
        }
        try {
            return result(tool.handler().call(api, new Arguments(request.arguments())));
        } catch (IllegalArgumentException e) {
            return result(AnteTools.refused(e.getMessage()));
        } catch (AnteApiException e) {
            return result(AnteTools.failed(503, e.getMessage(), "The platform could not answer: " + e.getMessage()));
        } finally {
            calls.release();
        }
    }

    private static McpSchema.CallToolResult result(ToolAnswer answer) {
        return McpSchema.CallToolResult.builder()
                .addContent(new McpSchema.TextContent(answer.json()))
                .addContent(new McpSchema.TextContent(answer.summary()))
                .isError(answer.error())
                .meta(Map.of("summary", answer.summary()))
                .build();
    }
}
