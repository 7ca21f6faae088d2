package dev.ante.projections.support;

/** How a processing failure is told to people: its root cause's message, cut to a length a status can show. */
public final class Failures {

    private static final int MAX_LENGTH = 300;

    private Failures() {
    }

    /** The innermost cause's message (its class name when it has none), at most 300 characters. */
    public static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > MAX_LENGTH ? message.substring(0, MAX_LENGTH) + "…" : message;
    }
}
