package dev.ante.mcp;

/**
 * What a tool call returns: the JSON text (the endpoint's body, or its problem document when refused) and a
 * short line a person or a model can read first.
 *
 * @param json    the answer as JSON text
 * @param summary one or two sentences about it
 * @param error   whether the call was refused or failed
 */
public record ToolAnswer(String json, String summary, boolean error) {
}
