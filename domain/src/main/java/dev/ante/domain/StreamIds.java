package dev.ante.domain;

import java.util.regex.Pattern;

/** The one place where id syntax is checked; every id record delegates here. */
final class StreamIds {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private StreamIds() {
    }

    static String requireValid(String kind, String value) {
        if (value == null) {
            throw new InvalidIdException(kind + " id is missing");
        }
        if (!ID.matcher(value).matches()) {
            throw new InvalidIdException(kind + " id '" + Printable.of(value)
                    + "' is invalid: it must match [A-Za-z0-9._-]{1,64}");
        }
        if (value.equals(".") || value.equals("..")) {
            throw new InvalidIdException(kind + " id '" + value + "' is invalid: '.' and '..' are reserved");
        }
        return value;
    }
}
