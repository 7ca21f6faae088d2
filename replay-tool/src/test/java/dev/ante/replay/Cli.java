package dev.ante.replay;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the tool in-process through picocli, capturing what it prints. */
public final class Cli {

    /** What one run did. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    /** Runs with no environment variables and no terminal. */
    public static Result run(String... args) {
        return run(Environment.of(Map.of()), args);
    }

    public static Result run(Environment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = ReplayTool.commandLine(environment);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
