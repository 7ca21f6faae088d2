package dev.ante.api.ingest;

/**
 * Where a value sits in a request body, e.g. {@code data.jokerEffects[2].joker}: made into text only when a
 * problem is reported, since nearly every value read or checked has none.
 */
record ValuePath(ValuePath parent, String name, int item) {

    /** A field at the top: {@code name}. */
    static ValuePath root(String name) {
        return new ValuePath(null, name, -1);
    }

    /** An element at the top: {@code [i]}. */
    static ValuePath rootItem(int i) {
        return new ValuePath(null, null, i);
    }

    ValuePath field(String field) {
        return new ValuePath(this, field, -1);
    }

    ValuePath item(int i) {
        return new ValuePath(this, null, i);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        append(text);
        return text.toString();
    }

    private void append(StringBuilder text) {
        if (parent != null) {
            parent.append(text);
        }
        if (name != null) {
            if (parent != null) {
                text.append('.');
            }
            text.append(name);
        } else {
            text.append('[').append(item).append(']');
        }
    }
}
