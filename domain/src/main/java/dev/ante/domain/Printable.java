package dev.ante.domain;

/** Values from outside shown in logs and problem reports: cut short, control characters escaped. */
public final class Printable {

    /** The longest a value is shown before it is cut. */
    public static final int MAX = 80;

    private Printable() {
    }

    /** {@code value} cut to {@link #MAX} characters (with "…") and with control characters as {@code \\uXXXX}. */
    public static String of(String value) {
        String shown = value.length() > MAX ? value.substring(0, MAX) + "…" : value;
        StringBuilder out = new StringBuilder(shown.length());
        shown.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
