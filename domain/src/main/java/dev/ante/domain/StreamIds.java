package dev.ante.domain;

/** The one place where id syntax is checked; every id record delegates here. */
public final class StreamIds {

    private StreamIds() {
    }

    /** Whether {@code value} matches {@code [A-Za-z0-9._-]{1,64}}, checked without a regular expression. */
    static boolean isIdText(String value) {
        int length = value.length();
        if (length < 1 || length > 64) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code value} is a valid game, strategy or learning-run id: {@code [A-Za-z0-9._-]{1,64}}, not {@code .} or {@code ..}. */
    public static boolean isValid(String value) {
        return value != null && isIdText(value) && !value.equals(".") && !value.equals("..");
    }

    static String requireValid(String kind, String value) {
        if (value == null) {
            throw new InvalidIdException(kind + " id is missing");
        }
        if (!isIdText(value)) {
            throw new InvalidIdException(kind + " id '" + Printable.of(value)
                    + "' is invalid: it must match [A-Za-z0-9._-]{1,64}");
        }
        if (value.equals(".") || value.equals("..")) {
            throw new InvalidIdException(kind + " id '" + value + "' is invalid: '.' and '..' are reserved");
        }
        return value;
    }
}
