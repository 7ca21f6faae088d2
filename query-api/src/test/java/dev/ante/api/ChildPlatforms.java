package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The platform started in a child JVM from the test's class path, for tests that kill or restart it. */
final class ChildPlatforms {

    private ChildPlatforms() {
    }

    /** Starts the platform with {@code args}, its output in {@code log}. */
    static Process start(Path log, List<String> args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                AnteApplication.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the platform answers its health check, failing if it exits or takes over 90 s. */
    static void awaitUp(Http http, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the platform exited during startup").isTrue();
            try {
                if (http.get("/actuator/health", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the platform did not start within 90 s");
    }

    /** The last {@code lines} lines of a platform's log, for a failure message. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Stops a platform (SIGTERM, then SIGKILL after 30 s); nothing when it is null. */
    static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The last {@code lines} lines of each log, headed by its name, for a failure message. */
    static String tails(List<Path> logs, int lines) {
        StringBuilder out = new StringBuilder();
        for (Path log : logs) {
            out.append("== ").append(log.getFileName()).append('\n').append(tail(log, lines)).append('\n');
        }
        return out.toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
