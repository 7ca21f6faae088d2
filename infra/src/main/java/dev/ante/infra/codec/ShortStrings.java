package dev.ante.infra.codec;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * One string object for each short text that keeps coming back: card, joker, option and hand names repeat in
 * nearly every event, and each read would otherwise make a new string of its own. A string read from JSON is
 * looked up in a fixed table by its characters, before any string is made, and the one found there is used when
 * it has the same characters.
 *
 * <p>The table is a fixed number of slots, each holding the last string that hashed to it, so it never holds
 * more than {@code slots} strings of at most {@link #MAX_LENGTH} characters, whatever it is fed: text that varies
 * (identifiers, digests) only replaces slots and costs a lookup. Lookups and replacements from many threads race
 * harmlessly: a string's fields are final, so any string a thread finds in a slot is complete, and a lost
 * replacement only means that the next lookup makes a string again.
 *
 * <p>Why: the processors share the most recent events in memory for about a second of ingest, so every string an
 * event holds is copied by the collector at each young collection meanwhile (docs/benchmarks.md).
 */
public final class ShortStrings {

    /** Longer text is never looked up: it is rarely repeated, and comparing it would cost more than it saves. */
    public static final int MAX_LENGTH = 32;

    /** The table the event codec and the ingest's reader share. */
    public static final ShortStrings SHARED = new ShortStrings(8192);

    private final String[] slots;
    private final int mask;

    /** A table of {@code slots} strings, a power of two. */
    public ShortStrings(int slots) {
        if (slots < 1 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two, was " + slots);
        }
        this.slots = new String[slots];
        this.mask = slots - 1;
    }

    /** A string of {@code chars[offset, offset + length)}: the table's when it holds one with those characters. */
    public String of(char[] chars, int offset, int length) {
        if (length > MAX_LENGTH) {
            return new String(chars, offset, length);
        }
        int hash = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            hash = 31 * hash + chars[i];
        }
        int slot = spread(hash) & mask;
        String held = slots[slot];
        // A string keeps its hash once asked, so a slot held by other text (another timestamp, most often, which
        // shares all but its last characters) is told apart without comparing characters.
        if (held != null && held.hashCode() == hash && held.length() == length && sameChars(held, chars, offset)) {
            return held;
        }
        String made = new String(chars, offset, length);
        slots[slot] = made;
        return made;
    }

    /** {@code text}, or the table's string with the same characters. */
    public String of(String text) {
        if (text.length() > MAX_LENGTH) {
            return text;
        }
        int slot = spread(text.hashCode()) & mask;
        String held = slots[slot];
        if (text.equals(held)) {
            return held;
        }
        slots[slot] = text;
        return text;
    }

    /**
     * The string value {@code parser} is at, from the table: looked up by the parser's characters when it exposes
     * them, so a name read again makes no string at all.
     */
    public String read(JsonParser parser) throws IOException {
        return parser.hasTextCharacters()
                ? of(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength())
                : of(parser.getText());
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    private static boolean sameChars(String held, char[] chars, int offset) {
        for (int i = 0, n = held.length(); i < n; i++) {
            if (held.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
