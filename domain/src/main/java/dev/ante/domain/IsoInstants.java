package dev.ante.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the one instant layout events carry, {@code 2026-11-23T10:15:30.123456Z} (UTC, a four-digit
 * year, seconds, zero to nine fraction digits), without {@link java.time.format.DateTimeFormatter}, whose
 * parsing costs microseconds per call and was a tenth of the request threads' time during ingest (writing
 * is {@link #writeAscii}, which writes what {@link Instant#toString} writes straight into bytes). Anything else —
 * offsets, other years, leap seconds — is not this layout: {@link #parse} answers null and callers fall back
 * to {@link Instant#parse}, so what is accepted and what it means never differ from the JDK's.
 */
public final class IsoInstants {

    private static final int SHORTEST = "2026-11-23T10:15:30Z".length();
    private static final int LONGEST = "2026-11-23T10:15:30.123456789Z".length();
    private static final int[] SCALE = {1, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private IsoInstants() {
    }

    /** The instant {@code text} denotes, as {@link Instant#parse} reads it, or null when it is not this layout. */
    public static Instant parse(CharSequence text) {
        int length = text.length();
        if (length < SHORTEST || length > LONGEST || length == SHORTEST + 1
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z'
                || (length > SHORTEST && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int fractionDigits = length > SHORTEST ? length - SHORTEST - 1 : 0;
        int fraction = fractionDigits > 0 ? digits(text, 20, fractionDigits) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || fraction < 0
                || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second,
                (long) fraction * SCALE[fractionDigits]);
    }

    /** {@link #parse}, falling back to {@link Instant#parse} (and its exception) for any other layout. */
    public static Instant parseAny(CharSequence text) {
        Instant instant = parse(text);
        return instant != null ? instant : Instant.parse(text);
    }

    /**
     * Whether {@code text} is exactly what {@link Instant#toString} writes for the instant {@link #parse}
     * reads from it: a fraction of 0, 3, 6 or 9 digits whose last three are not all zero.
     */
    public static boolean isCanonical(CharSequence text) {
        return parseCanonical(text) != null;
    }

    /** The instant {@code text} denotes when it {@link #isCanonical is canonical}, read once; otherwise null. */
    public static Instant parseCanonical(CharSequence text) {
        Instant instant = parse(text);
        if (instant == null) {
            return null;
        }
        int fractionDigits = text.length() > SHORTEST ? text.length() - SHORTEST - 1 : 0;
        if (fractionDigits == 0) {
            return instant;
        }
        int end = text.length() - 1;
        boolean canonical = fractionDigits % 3 == 0
                && !(text.charAt(end - 1) == '0' && text.charAt(end - 2) == '0' && text.charAt(end - 3) == '0');
        return canonical ? instant : null;
    }

    /**
     * How many bytes {@link #writeAscii} writes for an instant with {@code nano} nanoseconds: a fraction of
     * three, six or nine digits as {@link Instant#toString} chooses it, or none.
     */
    public static int asciiLength(int nano) {
        return SHORTEST + (nano == 0 ? 0 : nano % 1_000_000 == 0 ? 4 : nano % 1_000 == 0 ? 7 : 10);
    }

    /**
     * Writes the text {@link Instant#toString} gives for the instant into {@code out} at {@code at}, as ASCII,
     * and answers where it ends; or -1, writing nothing, when the year is not four digits (that text has a
     * sign, and callers then use {@link Instant#toString}). No string, builder or formatter is made: stored
     * events' times are written this way for every event read.
     */
    public static int writeAscii(long epochSecond, int nano, byte[] out, int at) {
        long epochDay = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        if (epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
            return -1;
        }
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int i = at;
        i = put(out, i, date.getYear(), 4);
        out[i++] = '-';
        i = put(out, i, date.getMonthValue(), 2);
        out[i++] = '-';
        i = put(out, i, date.getDayOfMonth(), 2);
        out[i++] = 'T';
        i = put(out, i, secondOfDay / 3_600, 2);
        out[i++] = ':';
        i = put(out, i, secondOfDay / 60 % 60, 2);
        out[i++] = ':';
        i = put(out, i, secondOfDay % 60, 2);
        if (nano != 0) {
            out[i++] = '.';
            if (nano % 1_000_000 == 0) {
                i = put(out, i, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                i = put(out, i, nano / 1_000, 6);
            } else {
                i = put(out, i, nano, 9);
            }
        }
        out[i++] = 'Z';
        return i;
    }

    private static final long MIN_EPOCH_DAY = LocalDate.of(0, 1, 1).toEpochDay();
    private static final long MAX_EPOCH_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    /** Writes {@code value} as exactly {@code count} decimal digits, zero-padded. */
    private static int put(byte[] out, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + count;
    }

    /** The number in {@code count} ASCII digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(CharSequence text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
