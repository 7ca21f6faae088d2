package dev.ante.replay;

/** How a command prints its result. */
public enum OutputFormat {
    /** A summary for people. */
    TEXT,
    /** The platform API's JSON. */
    JSON
}
