package dev.ante.bench.http;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The platform as a user runs it: {@code java -jar ante.jar} in a child process, on its own port and data
 * directory, with fixed keys and QuestDB on free ports, so that its RSS is its own and nothing of the
 * harness shares its heap or JIT.
 */
public final class Platform implements AutoCloseable {

    public static final String AGENT_KEY = "bench-agent-key";
    public static final String ADMIN_KEY = "bench-admin-key";

    private final Process process;
    private final int port;
    private final Path dataDir;
    private final Path log;

    private Platform(Process process, int port, Path dataDir, Path log) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
    }

    /**
     * Starts the platform jar, with the JVM options it ships with, on a free port over {@code dataDir} and
     * waits until its health is UP.
     *
     * @param java the java launcher to run it with, or null for the one running the harness
     * @param jvmArgs extra JVM options, e.g. a flight recording
     * @param appArgs extra application arguments, after the harness's own
     */
    public static Platform start(Path java, Path jar, Path dataDir, List<String> jvmArgs, List<String> appArgs, Duration timeout)
            throws IOException, InterruptedException {
        int port = freePort();
        Files.createDirectories(dataDir);
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        List<String> command = new ArrayList<>();
        command.add(java != null ? java.toString() : Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The options the README's start command uses (query-api/target/ante.jar → deploy/jvm.options); a jar
        // copied elsewhere, an older build measured side by side, runs with the checkout's, so that both
        // sides of a comparison have the same heap.
        Path checkout = jar.toAbsolutePath();
        for (int up = 0; up < 3 && checkout != null; up++) {
            checkout = checkout.getParent();
        }
        Path shipped = checkout == null ? null : checkout.resolve("deploy").resolve("jvm.options");
        if (shipped == null || !Files.exists(shipped)) {
            shipped = Path.of("deploy", "jvm.options").toAbsolutePath();
        }
        if (!Files.exists(shipped)) {
            throw new IOException("no deploy/jvm.options beside " + jar + " or in " + Path.of("").toAbsolutePath()
                    + ": run the harness from the project's root");
        }
        command.add("@" + shipped);
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--ante.data-dir=" + dataDir.toAbsolutePath(),
                "--ante.security.agent-keys=" + AGENT_KEY,
                "--ante.security.admin-keys=" + ADMIN_KEY,
                "--ante.questdb.http-port=0",
                "--ante.questdb.pg-port=0"));
        command.addAll(appArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        Platform platform = new Platform(process, port, dataDir, log);
        platform.awaitHealthy(timeout);
        return platform;
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the platform exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new IOException("the platform did not become healthy within " + timeout + "; see " + log);
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** Resident set size now, in bytes ({@code VmRSS}), or -1 where /proc is not available. */
    public long rssBytes() {
        return procStatus("VmRSS:");
    }

    /**
     * The anonymous part of the resident set ({@code RssAnon}: heap, native allocations), in bytes; the rest is
     * mapped files (QuestDB's columns, the databases' files), whose pages the kernel may drop when memory is short.
     */
    public long rssAnonBytes() {
        return procStatus("RssAnon:");
    }

    /** The file-backed part of the resident set ({@code RssFile}), in bytes. */
    public long rssFileBytes() {
        return procStatus("RssFile:");
    }

    /** The highest resident set size so far, in bytes ({@code VmHWM}). */
    public long peakRssBytes() {
        return procStatus("VmHWM:");
    }

    /**
     * CPU time the platform process has used so far (user + system, all threads), in nanoseconds, or -1
     * where /proc is not available. Unlike a wall-clock rate, CPU per event does not depend on what else
     * the machine is doing.
     */
    public long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return cpuTicks(stat) * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU time the JVM's just-in-time compiler threads ({@code C1/C2 CompilerThread<n>}) have used, in nanoseconds,
     * or -1 where /proc is not available: the part of {@link #cpuNanos} that compiles code rather than runs it.
     */
    public long compilerCpuNanos() {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            long ticks = 0;
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    ticks += cpuTicks(stat);
                }
            }
            return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** User plus system clock ticks from a {@code /proc} {@code stat} line (a process's or a thread's). */
    private static long cpuTicks(String stat) {
        // Fields after the command name, which is in parentheses and may contain spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    // USER_HZ is 100 on every Linux architecture the platform targets.
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private long procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").trim()) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Stops the platform the way an operator does (SIGTERM: graceful shutdown, store checkpointed). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
