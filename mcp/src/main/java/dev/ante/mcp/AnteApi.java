package dev.ante.mcp;

import java.util.Map;

/**
 * The part of Ante's HTTP API the MCP tools read: every tool is one or a few calls of it, so a tool answers
 * exactly what the matching endpoint answers, with the same validation, limits and roles.
 */
public interface AnteApi {

    /**
     * {@code GET path?query}.
     *
     * @param path  the path below the platform's root, starting with {@code /api/v1/}
     * @param query parameters; null values are left out
     * @throws AnteApiException when the platform cannot be reached or its answer is too large
     */
    Reply get(String path, Map<String, ?> query);

    /**
     * {@code POST path} with a JSON body.
     *
     * @throws AnteApiException when the platform cannot be reached or its answer is too large
     */
    Reply post(String path, String json);

    /** An answer: its status and body as text. */
    record Reply(int status, String body) {

        /** Whether the status is 2xx. */
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }
}
