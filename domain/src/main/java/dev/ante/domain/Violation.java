package dev.ante.domain;

/**
 * One problem with one submitted event: its {@code index} in the batch (null when it concerns the
 * whole request), the JSON path of the offending {@code field} (e.g. {@code data.ante}, null when it
 * concerns the event as a whole) and a message that names the problem.
 */
public record Violation(Integer index, String field, String message) {

    /** The conventional rendering, e.g. {@code [3].data.ante: must be ≥ 1}. */
    public String render() {
        StringBuilder out = new StringBuilder();
        if (index != null) {
            out.append('[').append(index).append(']');
        }
        if (field != null) {
            if (index != null) {
                out.append('.');
            }
            out.append(field);
        }
        return out.length() == 0 ? message : out.append(": ").append(message).toString();
    }
}
