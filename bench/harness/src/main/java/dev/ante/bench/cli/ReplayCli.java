package dev.ante.bench.cli;

import dev.ante.bench.results.Workload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The replay tool reconstructing the 10,000-event game from a data directory, timed as a developer sees
 * it: the wall time of the whole command, JVM start included.
 */
public final class ReplayCli {

    private ReplayCli() {
    }

    public static Workload run(Path jar, Path dataDir, String gameId, int runs) throws IOException,
            InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // As the docs run it: through its launcher, which maps a class-data-sharing archive recorded by the
        // first (warm-up) run; plain java -jar when the launcher is not there.
        Path launcher = jar.toAbsolutePath().getParent().resolve("../bin/replay-tool").normalize();
        boolean launched = Files.isRegularFile(launcher);
        List<String> command = new ArrayList<>(launched ? List.of("sh", launcher.toString())
                : List.of(java, "-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of("game", gameId, "--source", dataDir.toAbsolutePath().toString(), "--format", "json"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA", java);
        builder.environment().put("REPLAY_TOOL_JAR", jar.toAbsolutePath().toString());
        once(builder);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            once(builder);
            millis.add((System.nanoTime() - t0) / 1e6);
        }
        Collections.sort(millis);
        double p50 = millis.get((millis.size() - 1) / 2);
        double max = millis.get(millis.size() - 1);
        return Workload.of("reconstruct.10k.cli", "ms", Math.round(p50))
                .percentiles(Math.round(p50), Math.round(max))
                .target("< 1,500 ms wall", p50 < 1_500)
                .detail("runs", runs)
                .detail("percentilesOf", "p50 is the median run, p99 the slowest of " + runs)
                .detail("command", (launched ? "replay-tool/bin/replay-tool" : "java -jar " + jar)
                        + " game <id> --source <data dir> --format json");
    }

    private static void once(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("the replay tool did not finish within 2 minutes");
        }
        if (process.exitValue() != 0 || !output.contains("\"revision\":9999")) {
            throw new IOException("the replay tool answered " + process.exitValue() + ": "
                    + output.substring(0, Math.min(500, output.length())));
        }
    }
}
