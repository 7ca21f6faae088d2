package dev.ante.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the tool takes from its surroundings rather than its arguments: environment variables and whether
 * stderr is a terminal. Tests pass their own.
 *
 * @param variables        environment variables ({@code ANTE_API_KEY}, {@code ANTE_DATA_DIR})
 * @param stderrIsTerminal whether progress bars may be drawn on stderr
 */
public record Environment(Map<String, String> variables, boolean stderrIsTerminal) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    /** The process's own environment. */
    public static Environment current() {
        return new Environment(System.getenv(), detectTerminal());
    }

    /** An environment with the given variables and no terminal. */
    public static Environment of(Map<String, String> variables) {
        return new Environment(variables, false);
    }

    /** The variable's value, or null when unset or blank. */
    public String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    // Java cannot ask whether one given descriptor is a terminal; System.console() answers for stdin and
    // stdout together, which would hide the bar of `verify > report.txt`. On Linux the descriptor's link
    // says it directly.
    private static boolean detectTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
