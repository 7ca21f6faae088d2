package dev.ante.mcp;

/**
 * What one tool call may return and wait for.
 *
 * @param maxRows            the largest {@code limit} a tool passes on (rows of a list or of a query)
 * @param maxBytes           the longest JSON text a tool returns; a longer answer is cut to fit and marked
 * @param maxConcurrentCalls tool calls running at once; one more is refused as busy
 * @param maxDiffEvents      events read per game by {@code diff_games}
 */
public record ResultLimits(int maxRows, int maxBytes, int maxConcurrentCalls, int maxDiffEvents) {

    /** Defaults sized for a model's context: 200 rows, 100 kB of JSON, 4 calls at once, 20,000 events. */
    public static final ResultLimits DEFAULTS = new ResultLimits(200, 100_000, 4, 20_000);

    public ResultLimits {
        if (maxRows < 1 || maxBytes < 1_000 || maxConcurrentCalls < 1 || maxDiffEvents < 1) {
            throw new IllegalArgumentException("MCP limits must be positive (maxBytes at least 1000): " + maxRows
                    + " rows, " + maxBytes + " bytes, " + maxConcurrentCalls + " calls, " + maxDiffEvents + " events");
        }
    }
}
