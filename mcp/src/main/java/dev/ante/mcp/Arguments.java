package dev.ante.mcp;

import java.util.Map;

/** A tool call's arguments, read by name with the types the schema promised. */
public final class Arguments {

    private final Map<String, Object> values;

    public Arguments(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    /** A text argument, or null when absent. */
    public String text(String name) {
        Object value = values.get(name);
        return value == null ? null : String.valueOf(value);
    }

    /** A required text argument. */
    public String requiredText(String name) {
        String value = text(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' is required");
        }
        return value;
    }

    /** An integer argument, or null when absent. */
    public Long integer(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            if (number.doubleValue() != Math.rint(number.doubleValue())) {
                throw new IllegalArgumentException("'" + name + "' must be a whole number");
            }
            return number.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be a whole number");
        }
    }

    /** A boolean argument, or {@code otherwise} when absent. */
    public boolean flag(String name, boolean otherwise) {
        Object value = values.get(name);
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(value).trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("'" + name + "' must be true or false");
    }
}
