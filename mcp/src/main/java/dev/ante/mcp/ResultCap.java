package dev.ante.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Cuts a JSON answer to a byte limit by dropping the last elements of its largest lists (a page's
 * {@code items}, a query's {@code rows}, a curve's buckets) until it fits, and sets {@code truncated: true} at
 * its top level. An answer that fits is returned unchanged, byte for byte.
 */
final class ResultCap {

    /** The text to return, and how many list elements were dropped to fit (0 when it fit). */
    record Capped(String json, int dropped) {
    }

    private ResultCap() {
    }

    static Capped cap(ObjectMapper mapper, String json, int maxBytes) {
        if (json.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return new Capped(json, 0);
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (java.io.IOException e) {
            return null;
        }
        if (!(tree instanceof ObjectNode root)) {
            return null;
        }
        root.put("truncated", true);
        int dropped = 0;
        String text = root.toString();
        while (bytes(text) > maxBytes) {
            ArrayNode largest = largestArray(root);
            if (largest == null || largest.isEmpty()) {
                return null;
            }
            int remove = Math.max(1, largest.size() / 8);
            for (int i = 0; i < remove; i++) {
                largest.remove(largest.size() - 1);
            }
            dropped += remove;
            text = root.toString();
        }
        return new Capped(text, dropped);
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * The non-empty list of records (objects or rows) holding the most text: a field of the answer, or a field
     * of a record in such a list (a curve's buckets). Lists of plain values, such as a row's joker names, are
     * never cut.
     */
    private static ArrayNode largestArray(ObjectNode root) {
        java.util.List<ArrayNode> outer = new java.util.ArrayList<>();
        java.util.List<ArrayNode> inner = new java.util.ArrayList<>();
        root.forEach(field -> {
            if (isRecords(field)) {
                outer.add((ArrayNode) field);
                field.forEach(record -> {
                    if (record.isObject()) {
                        record.forEach(value -> {
                            if (isRecords(value)) {
                                inner.add((ArrayNode) value);
                            }
                        });
                    }
                });
            }
        });
        // Records keep their place in a list while their own lists get shorter: a curve loses buckets at
        // its end before the answer loses a whole metric.
        ArrayNode best = largest(inner);
        return best != null ? best : largest(outer);
    }

    private static ArrayNode largest(java.util.List<ArrayNode> arrays) {
        ArrayNode best = null;
        int bestSize = 0;
        for (ArrayNode array : arrays) {
            int size = array.isEmpty() ? 0 : array.toString().length();
            if (size > bestSize) {
                best = array;
                bestSize = size;
            }
        }
        return best;
    }

    private static boolean isRecords(JsonNode node) {
        return node.isArray() && !node.isEmpty() && node.get(0).isContainerNode();
    }
}
