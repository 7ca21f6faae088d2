package dev.ante.api.read;

import dev.ante.api.ingest.InvalidRequestException;
import dev.ante.domain.Violation;

/** Parses numeric query parameters into values or a problem naming the parameter. */
public final class QueryParams {

    private QueryParams() {
    }

    public static long longParam(String name, String value, long fallback, long min, long max) {
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        String range = max == Long.MAX_VALUE ? "≥ " + min : "between " + min + " and " + max;
        throw new InvalidRequestException("Invalid parameter",
                new Violation(null, name, "must be an integer " + range + ", was '" + shown + "'"));
    }

    public static int intParam(String name, String value, int fallback, int min, int max) {
        return (int) longParam(name, value, fallback, min, max);
    }
}
