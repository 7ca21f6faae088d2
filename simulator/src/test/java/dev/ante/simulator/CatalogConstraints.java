package dev.ante.simulator;

import dev.ante.domain.catalog.Max;
import dev.ante.domain.catalog.Min;
import dev.ante.domain.catalog.Opt;
import dev.ante.domain.catalog.Size;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The catalog's field rules, read from the records' annotations the way the platform reads them: required
 * unless {@link Opt}, numeric bounds, list sizes, strings neither blank nor longer than 256 characters,
 * lists of at most 1,000 elements.
 */
final class CatalogConstraints {

    private static final int MAX_STRING = 256;
    private static final int MAX_LIST = 1_000;

    private CatalogConstraints() {
    }

    /** Every rule {@code record} breaks, as {@code path: problem}. */
    static List<String> violations(Object record) {
        List<String> out = new ArrayList<>();
        check(record, record.getClass().getSimpleName(), out);
        return out;
    }

    private static void check(Object record, String path, List<String> out) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Object value;
            try {
                value = c.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String at = path + "." + c.getName();
            if (value == null) {
                if (!c.isAnnotationPresent(Opt.class)) {
                    out.add(at + ": is required");
                }
                continue;
            }
            Min min = c.getAnnotation(Min.class);
            Max max = c.getAnnotation(Max.class);
            Size size = c.getAnnotation(Size.class);
            if (value instanceof Number n) {
                double d = n.doubleValue();
                if (!Double.isFinite(d)) {
                    out.add(at + ": not finite");
                }
                if (min != null && d < min.value()) {
                    out.add(at + ": " + d + " < " + min.value());
                }
                if (max != null && d > max.value()) {
                    out.add(at + ": " + d + " > " + max.value());
                }
            } else if (value instanceof String s) {
                checkString(s, at, out);
            } else if (value instanceof List<?> list) {
                int lo = size == null ? 0 : size.min();
                int hi = size == null ? MAX_LIST : Math.min(MAX_LIST, size.max());
                if (list.size() < lo || list.size() > hi) {
                    out.add(at + ": " + list.size() + " elements, not within " + lo + ".." + hi);
                }
                for (int i = 0; i < list.size(); i++) {
                    Object item = list.get(i);
                    if (item == null) {
                        out.add(at + "[" + i + "]: null");
                    } else if (item instanceof String s) {
                        checkString(s, at + "[" + i + "]", out);
                    } else if (item.getClass().isRecord()) {
                        check(item, at + "[" + i + "]", out);
                    }
                }
            } else if (value.getClass().isRecord()) {
                check(value, at, out);
            } else if (!(value instanceof Enum<?> || value instanceof Boolean || value instanceof Map<?, ?>)) {
                out.add(at + ": unexpected type " + value.getClass());
            }
        }
    }

    private static void checkString(String s, String at, List<String> out) {
        if (s.isBlank()) {
            out.add(at + ": blank");
        } else if (s.length() > MAX_STRING) {
            out.add(at + ": " + s.length() + " characters");
        }
    }
}
