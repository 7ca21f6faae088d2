package dev.ante.api.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ante.domain.Violation;
import dev.ante.infra.codec.ShortStrings;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a JSON tree of only what a {@link CatalogShape} keeps, from a streaming parser: ignored fields,
 * surplus list elements and over-long free-form values are skipped as tokens, so a request's memory is
 * what the catalog reads, not what the client sent. Every kept value is charged to the request's
 * {@link BodyBudget.Lease}. The parser still sees every byte, so malformed JSON and duplicate keys
 * anywhere are reported as before.
 */
final class BoundedJsonReader {

    /** Values (scalars, objects and arrays, at any depth) one free-form field such as parameters may hold. */
    static final int MAX_FREE_FORM_VALUES = 1000;

    /** What one kept value costs on the heap, roughly: its node, and a string's or number's object. */
    private static final int VALUE_COST = 64;

    /** An array of which only the first elements were kept; {@link #held()} counts every one that arrived. */
    static final class HeldArray extends ArrayNode {

        private final int held;

        HeldArray(ArrayNode kept, int held) {
            super(JsonNodeFactory.instance, kept.size());
            addAll(kept);
            this.held = held;
        }

        int held() {
            return held;
        }

        static int held(JsonNode array) {
            return array instanceof HeldArray h ? h.held : array.size();
        }
    }

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final BodyBudget.Lease lease;
    /**
     * Where the value being read sits, below the path {@link #read} was given: a field name, or null for the
     * element at {@code items[i]}. Kept as a stack and made into text only for a problem, since nearly every value
     * read has none.
     */
    private String[] names = new String[16];
    private int[] items = new int[16];
    private int depth;
    private String root;

    BoundedJsonReader(BodyBudget.Lease lease) {
        this.lease = lease;
    }

    /**
     * Reads the value at the parser's current token, leaving the parser on its last token. Problems
     * found while reading (a free-form value too large) go to {@code out} under {@code index} and
     * {@code path}.
     */
    JsonNode read(JsonParser p, CatalogShape shape, Integer index, String path, List<Violation> out)
            throws IOException {
        root = path;
        depth = 0;
        return value(p, shape, index, out);
    }

    private JsonNode value(JsonParser p, CatalogShape shape, Integer index, List<Violation> out) throws IOException {
        JsonToken token = p.currentToken();
        if (token.isStructStart() && shape.freeForm()) {
            int[] left = {MAX_FREE_FORM_VALUES};
            JsonNode value = freeForm(p, left);
            if (left[0] < 0) {
                out.add(new Violation(index, path(), "must hold at most " + MAX_FREE_FORM_VALUES
                        + " values, nested ones included"));
            }
            return value;
        }
        if (token == JsonToken.START_OBJECT) {
            return object(p, shape, index, out);
        }
        if (token == JsonToken.START_ARRAY) {
            return array(p, shape, index, out);
        }
        return scalar(p);
    }

    /** The value below {@code name} (a field) or element {@code item} (name null), read at one level deeper. */
    private JsonNode below(JsonParser p, CatalogShape shape, Integer index, String name, int item, List<Violation> out)
            throws IOException {
        if (depth == names.length) {
            names = Arrays.copyOf(names, depth * 2);
            items = Arrays.copyOf(items, depth * 2);
        }
        names[depth] = name;
        items[depth] = item;
        depth++;
        try {
            return value(p, shape, index, out);
        } finally {
            names[--depth] = null;
        }
    }

    /** The path of the value being read, e.g. {@code data.jokerEffects[2].joker}; null at the top without a path. */
    private String path() {
        if (root == null && depth == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder(root == null ? "" : root);
        for (int i = 0; i < depth; i++) {
            if (names[i] != null) {
                if (!text.isEmpty()) {
                    text.append('.');
                }
                text.append(names[i]);
            } else {
                text.append('[').append(items[i]).append(']');
            }
        }
        return text.toString();
    }

    private JsonNode object(JsonParser p, CatalogShape shape, Integer index, List<Violation> out)
            throws IOException {
        lease.charge(VALUE_COST);
        ObjectNode object = nodes.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            CatalogShape field = shape.field(name);
            p.nextToken();
            if (field == null) {
                p.skipChildren();
            } else {
                lease.charge(VALUE_COST);
                object.set(name, below(p, field, index, name, -1, out));
            }
        }
        return object;
    }

    private JsonNode array(JsonParser p, CatalogShape shape, Integer index, List<Violation> out)
            throws IOException {
        lease.charge(VALUE_COST);
        ArrayNode array = nodes.arrayNode();
        int held = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (shape.element() != null && held <= shape.maxElements()) {
                array.add(below(p, shape.element(), index, null, held, out));
            } else {
                p.skipChildren();
            }
            held++;
        }
        return held == array.size() ? array : new HeldArray(array, held);
    }

    /** A free-form value; past the allowance it stops keeping (and {@code left} goes negative). */
    private JsonNode freeForm(JsonParser p, int[] left) throws IOException {
        if (--left[0] < 0) {
            p.skipChildren();
            return null;
        }
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            lease.charge(VALUE_COST);
            ObjectNode object = nodes.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                JsonNode value = freeForm(p, left);
                if (value != null) {
                    lease.charge(VALUE_COST + 2L * name.length());
                    object.set(name, value);
                }
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            lease.charge(VALUE_COST);
            ArrayNode array = nodes.arrayNode();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                JsonNode value = freeForm(p, left);
                if (value != null) {
                    array.add(value);
                }
            }
            return array;
        }
        return scalar(p);
    }

    /** A scalar as a tree parser would build it: int, long or big integer; double; text; boolean; null. */
    private JsonNode scalar(JsonParser p) throws IOException {
        lease.charge(VALUE_COST);
        return switch (p.currentToken()) {
            case VALUE_STRING -> {
                // Names that recur in every event (cards, jokers, options) share one string each.
                String text = ShortStrings.SHARED.read(p);
                lease.charge(2L * text.length());
                yield nodes.textNode(text);
            }
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> nodes.numberNode(p.getIntValue());
                case LONG -> nodes.numberNode(p.getLongValue());
                default -> nodes.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> throw new IllegalStateException("not a JSON value: " + p.currentToken());
        };
    }
}
