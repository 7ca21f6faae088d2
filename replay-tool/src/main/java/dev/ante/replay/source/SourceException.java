package dev.ante.replay.source;

/** A source could not be reached or refused to answer; the message names the source and the reason. */
public class SourceException extends RuntimeException {

    private final String source;
    private final String reason;

    public SourceException(String source, String reason) {
        this(source, reason, null);
    }

    public SourceException(String source, String reason, Throwable cause) {
        super("source " + source + ": " + reason, cause);
        this.source = source;
        this.reason = reason;
    }

    /** The source's name, as {@link Source#name()} gives it. */
    public String source() {
        return source;
    }

    /** Why it failed, without the source's name. */
    public String reason() {
        return reason;
    }

    /** The message of {@code e} and of its causes, for a reason a user can act on. */
    static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            String part = message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
            if (out.indexOf(part) < 0) {
                if (out.length() > 0) {
                    out.append(": ");
                }
                out.append(part);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return out.toString();
    }
}
