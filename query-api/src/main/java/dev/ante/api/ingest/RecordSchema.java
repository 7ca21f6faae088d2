package dev.ante.api.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ante.domain.Violation;
import dev.ante.domain.catalog.Max;
import dev.ante.domain.catalog.Min;
import dev.ante.domain.catalog.Opt;
import dev.ante.domain.catalog.Size;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a JSON object against a catalog record before Jackson binds it, so that an agent hears of
 * every problem at once, each with its path, instead of the first one Jackson trips over. The record's
 * components and the domain's {@link Opt}, {@link Min}, {@link Max} and {@link Size} annotations are
 * the schema; unknown fields are ignored.
 */
final class RecordSchema {

    /** Strings the catalog does not bound otherwise are names and hashes: keep hostile sizes out. */
    static final int DEFAULT_MAX_STRING = 256;
    /** Lists the catalog does not bound otherwise. */
    static final int DEFAULT_MAX_LIST = 1000;

    private static final Map<Class<?>, List<Field>> SCHEMAS = new ConcurrentHashMap<>();

    private record Field(String name, Class<?> type, Type generic, boolean optional, Min min, Max max, Size size,
                         BigDecimal lowest, BigDecimal highest) {
    }

    /** An enum's constants by name, and the text that lists them. */
    private record EnumSchema(Set<String> names, String allowed) {
    }

    private static final Map<Class<?>, EnumSchema> ENUMS = new ConcurrentHashMap<>();

    private RecordSchema() {
    }

    /** Adds a violation for each problem of {@code node} as an instance of {@code recordType}. */
    static void check(JsonNode node, Class<?> recordType, Integer index, String path, List<Violation> out) {
        check(node, recordType, index, ValuePath.root(path), out);
    }

    private static void check(JsonNode node, Class<?> recordType, Integer index, ValuePath path, List<Violation> out) {
        if (node == null || !node.isObject()) {
            out.add(new Violation(index, path.toString(), "must be a JSON object" + found(node)));
            return;
        }
        for (Field field : schemaOf(recordType)) {
            JsonNode value = node.get(field.name());
            if (value == null || value.isNull()) {
                if (!field.optional()) {
                    out.add(new Violation(index, path.field(field.name()).toString(), "is required"));
                }
                continue;
            }
            checkValue(value, field.type(), field.generic(), field, index, path.field(field.name()), out);
        }
    }

    private static List<Field> schemaOf(Class<?> recordType) {
        return SCHEMAS.computeIfAbsent(recordType, type -> {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type + " is not a record");
            }
            return Arrays.stream(type.getRecordComponents()).map(RecordSchema::fieldOf).toList();
        });
    }

    private static Field fieldOf(RecordComponent c) {
        Min min = c.getAnnotation(Min.class);
        Max max = c.getAnnotation(Max.class);
        return new Field(c.getName(), c.getType(), c.getGenericType(), c.isAnnotationPresent(Opt.class), min, max,
                c.getAnnotation(Size.class), min == null ? null : BigDecimal.valueOf(min.value()),
                max == null ? null : BigDecimal.valueOf(max.value()));
    }

    private static void checkValue(JsonNode value, Class<?> type, Type generic, Field field, Integer index,
                                   ValuePath path, List<Violation> out) {
        if (type == int.class || type == Integer.class) {
            if (!value.isIntegralNumber()) {
                out.add(new Violation(index, path.toString(), "must be an integer" + found(value)));
            } else if (!value.canConvertToInt()) {
                out.add(new Violation(index, path.toString(), "must be an integer between -2147483648 and 2147483647, was "
                        + abbreviate(value.asText())));
            } else {
                checkBounds(value, field, index, path, out);
            }
        } else if (type == long.class || type == Long.class) {
            if (!value.isIntegralNumber()) {
                out.add(new Violation(index, path.toString(), "must be an integer" + found(value)));
            } else if (!value.canConvertToLong()) {
                out.add(new Violation(index, path.toString(), "must be an integer between -9223372036854775808 and "
                        + "9223372036854775807, was " + abbreviate(value.asText())));
            } else {
                checkBounds(value, field, index, path, out);
            }
        } else if (type == double.class || type == Double.class) {
            if (!value.isNumber()) {
                out.add(new Violation(index, path.toString(), "must be a number" + found(value)));
            } else if (!Double.isFinite(value.doubleValue())) {
                out.add(new Violation(index, path.toString(), "must be a finite number, was " + abbreviate(value.asText())));
            } else {
                checkBounds(value, field, index, path, out);
            }
        } else if (type == boolean.class || type == Boolean.class) {
            if (!value.isBoolean()) {
                out.add(new Violation(index, path.toString(), "must be true or false" + found(value)));
            }
        } else if (type == String.class) {
            checkString(value, field, index, path, out);
        } else if (type.isEnum()) {
            checkEnum(value, type, index, path, out);
        } else if (type == List.class) {
            checkList(value, generic, field, index, path, out);
        } else if (type == Map.class) {
            if (!value.isObject()) {
                out.add(new Violation(index, path.toString(), "must be a JSON object" + found(value)));
            } else {
                checkFreeForm(value, index, path, out);
            }
        } else if (type.isRecord()) {
            check(value, type, index, path, out);
        } else {
            throw new IllegalStateException("no schema rule for " + type + " at " + path);
        }
    }

    /**
     * Free-form values are kept as they came, except a number too large for a double: it would be stored as the
     * text {@code Infinity}, not the number sent.
     */
    private static void checkFreeForm(JsonNode value, Integer index, ValuePath path, List<Violation> out) {
        if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
            out.add(new Violation(index, path.toString(), "must be a finite number (at most about 1.8e308 in size)"));
        } else if (value.isObject()) {
            value.fields().forEachRemaining(entry -> checkFreeForm(entry.getValue(), index, path.field(entry.getKey()), out));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                checkFreeForm(value.get(i), index, path.item(i), out);
            }
        }
    }

    private static void checkString(JsonNode value, Field field, Integer index, ValuePath path, List<Violation> out) {
        if (!value.isTextual()) {
            out.add(new Violation(index, path.toString(), "must be a string" + found(value)));
            return;
        }
        String text = value.textValue();
        if (text.isBlank()) {
            out.add(new Violation(index, path.toString(), "must not be blank"));
        } else if (text.length() > DEFAULT_MAX_STRING) {
            out.add(new Violation(index, path.toString(), "must be at most " + DEFAULT_MAX_STRING + " characters, was "
                    + text.length()));
        } else {
            int control = firstControl(text);
            if (control >= 0) {
                out.add(new Violation(index, path.toString(), String.format("must not contain control characters (U+%04X at %d)",
                        (int) text.charAt(control), control)));
            }
        }
    }

    /**
     * The first C0 control character or DEL in {@code text}, or -1. Catalog strings are names, kept in
     * the store and read models and shown in dashboards; NUL in particular truncates or breaks them in
     * C-based stores and tools.
     */
    static int firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    private static void checkEnum(JsonNode value, Class<?> type, Integer index, ValuePath path, List<Violation> out) {
        EnumSchema schema = ENUMS.computeIfAbsent(type, t -> {
            List<String> names = Arrays.stream(t.getEnumConstants()).map(Object::toString).toList();
            return new EnumSchema(Set.copyOf(names), String.join(", ", names));
        });
        if (!value.isTextual()) {
            out.add(new Violation(index, path.toString(), "must be one of " + schema.allowed() + found(value)));
            return;
        }
        if (!schema.names().contains(value.textValue())) {
            out.add(new Violation(index, path.toString(), "must be one of " + schema.allowed() + ", was '"
                    + abbreviate(value.textValue()) + "'"));
        }
    }

    private static void checkList(JsonNode value, Type generic, Field field, Integer index, ValuePath path,
                                  List<Violation> out) {
        if (!value.isArray()) {
            out.add(new Violation(index, path.toString(), "must be an array" + found(value)));
            return;
        }
        int min = field.size() == null ? 0 : field.size().min();
        int max = field.size() == null ? DEFAULT_MAX_LIST : Math.min(field.size().max(), DEFAULT_MAX_LIST);
        int held = BoundedJsonReader.HeldArray.held(value);
        if (held < min || held > max) {
            out.add(new Violation(index, path.toString(), "must hold " + (min == 0 ? "at most " + max : min + " to " + max)
                    + " elements, held " + held));
            return;
        }
        Class<?> element = elementType(generic);
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            ValuePath itemPath = path.item(i);
            if (item.isNull()) {
                out.add(new Violation(index, itemPath.toString(), "must not be null"));
            } else if (element == String.class) {
                checkString(item, null, index, itemPath, out);
            } else {
                check(item, element, index, itemPath, out);
            }
        }
    }

    private static Class<?> elementType(Type generic) {
        if (generic instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        throw new IllegalStateException("list without element type: " + generic);
    }

    private static void checkBounds(JsonNode number, Field field, Integer index, ValuePath path, List<Violation> out) {
        if (field == null || field.lowest() == null && field.highest() == null) {
            return;
        }
        BigDecimal value = number.decimalValue();
        if (field.lowest() != null && value.compareTo(field.lowest()) < 0) {
            out.add(new Violation(index, path.toString(), "must be ≥ " + plain(field.min().value()) + ", was "
                    + value.toPlainString()));
        }
        if (field.highest() != null && value.compareTo(field.highest()) > 0) {
            out.add(new Violation(index, path.toString(), "must be ≤ " + plain(field.max().value()) + ", was "
                    + value.toPlainString()));
        }
    }

    private static String plain(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    static String found(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "";
        }
        String kind = node.isNull() ? "null" : node.getNodeType().name().toLowerCase();
        return ", was " + kind;
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
