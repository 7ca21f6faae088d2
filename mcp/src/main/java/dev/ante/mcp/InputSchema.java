package dev.ante.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tool's JSON input schema: an object of described properties, built property by property. */
final class InputSchema {

    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    static InputSchema object() {
        return new InputSchema();
    }

    InputSchema string(String name, String description) {
        return property(name, description, Map.of("type", "string"));
    }

    InputSchema id(String name, String description) {
        return property(name, description, Map.of("type", "string", "pattern", "^[A-Za-z0-9._-]{1,64}$"));
    }

    InputSchema choice(String name, String description, List<String> values) {
        return property(name, description, Map.of("type", "string", "enum", values));
    }

    InputSchema integer(String name, String description, Long minimum, Long maximum) {
        Map<String, Object> type = new LinkedHashMap<>();
        type.put("type", "integer");
        if (minimum != null) {
            type.put("minimum", minimum);
        }
        if (maximum != null) {
            type.put("maximum", maximum);
        }
        return property(name, description, type);
    }

    InputSchema bool(String name, String description) {
        return property(name, description, Map.of("type", "boolean"));
    }

    /** Marks the last properties added as required. */
    InputSchema required(String... names) {
        required.addAll(List.of(names));
        return this;
    }

    private InputSchema property(String name, String description, Map<String, Object> type) {
        Map<String, Object> property = new LinkedHashMap<>(type);
        property.put("description", description);
        properties.put(name, property);
        return this;
    }

    Map<String, Object> toMap() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", List.copyOf(required));
        }
        schema.put("additionalProperties", false);
        return schema;
    }
}
