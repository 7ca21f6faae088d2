package dev.ante.mcp;

import java.util.Map;

/**
 * One MCP tool: its name, what it is for, its input schema, and how it is answered from the HTTP API.
 *
 * @param name        the tool's name
 * @param title       a short human title
 * @param description what it answers and when to use it, for the model choosing a tool
 * @param inputSchema JSON schema of its arguments
 * @param handler     the call
 */
public record AnteTool(String name, String title, String description, Map<String, Object> inputSchema,
                       Handler handler) {

    /** Answers one call with its arguments (already checked against the schema by the SDK). */
    @FunctionalInterface
    public interface Handler {
        ToolAnswer call(AnteApi api, Arguments arguments);
    }
}
