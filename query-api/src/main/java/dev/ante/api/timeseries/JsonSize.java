package dev.ante.api.timeseries;

import java.util.ArrayList;
import java.util.List;

/**
 * A running estimate of a result's size as UTF-8 JSON, so rows can be cut before the response is built
 * rather than after. Estimates err high: every value is counted as Jackson would escape it.
 */
final class JsonSize {

    private final long max;
    private long used;

    JsonSize(long max) {
        this.max = max;
    }

    void add(long bytes) {
        used += bytes;
    }

    boolean fits(long bytes) {
        return used + bytes <= max;
    }

    /** {@code row} with its text values cut so the whole row fits in what is left. */
    List<Object> cut(List<Object> row) {
        long left = Math.max(0, max - used - 2 - 8L * row.size());
        long share = left / Math.max(1, row.size());
        List<Object> cut = new ArrayList<>(row.size());
        for (Object value : row) {
            cut.add(value instanceof String text && of(text) > share ? prefix(text, share) : value);
        }
        return cut;
    }

    /** JSON bytes of one value as Ante's result writes it (strings, numbers, booleans, null). */
    static long of(Object value) {
        if (value == null) {
            return 4;
        }
        if (value instanceof String text) {
            long bytes = 2;
            for (int i = 0; i < text.length(); i++) {
                bytes += charBytes(text.charAt(i));
            }
            return bytes;
        }
        return value.toString().length();
    }

    private static int charBytes(char c) {
        if (c == '"' || c == '\\') {
            return 2;
        }
        if (c < 0x20 || Character.isSurrogate(c)) {
            // Control characters are written as six-character escapes; Jackson may escape each half of a surrogate pair too.
            return 6;
        }
        if (c < 0x80) {
            return 1;
        }
        return c < 0x800 ? 2 : 3;
    }

    private static String prefix(String text, long maxBytes) {
        long bytes = 2;
        int end = 0;
        while (end < text.length() && bytes + charBytes(text.charAt(end)) <= maxBytes) {
            bytes += charBytes(text.charAt(end));
            end++;
        }
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
