package dev.ante.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Field-by-field differences of two JSON trees: objects are compared key by key, recursively; anything else
 * (numbers, strings, arrays) is compared whole, since a list of jokers reads better as one value than as
 * shifted elements.
 */
public final class JsonDiff {

    private JsonDiff() {
    }

    /**
     * One differing field.
     *
     * @param path  dotted path of the field ({@code lastShop.money}); empty for the root
     * @param left  its value on the left, or null when the left has no such field
     * @param right its value on the right, or null when the right has no such field
     */
    public record Difference(String path, JsonNode left, JsonNode right) {
    }

    /** Every differing field of {@code left} and {@code right}, in the order of the left's fields. */
    public static List<Difference> differences(JsonNode left, JsonNode right) {
        List<Difference> out = new ArrayList<>();
        compare("", left, right, out);
        return out;
    }

    private static void compare(String path, JsonNode left, JsonNode right, List<Difference> out) {
        if (left != null && right != null && left.isObject() && right.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            left.fieldNames().forEachRemaining(names::add);
            right.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                compare(path.isEmpty() ? name : path + "." + name, left.get(name), right.get(name), out);
            }
        } else if (!Objects.equals(left, right)) {
            out.add(new Difference(path, left, right));
        }
    }

    /** A value as printed in a report: strings bare, anything else as compact JSON, absence as such. */
    public static String show(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "(absent)";
        }
        return value.isTextual() ? value.asText() : value.toString();
    }
}
