package dev.ante.bench.inprocess;

import dev.ante.bench.Mode;
import dev.ante.bench.results.Workload;
import dev.ante.simulator.StreamBatch;
import dev.ante.simulator.StreamRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The side-by-side workloads: Ante's engine against Axon's stock JDBC engine on the same SQLite, with the same
 * events. Reconstruction and batched appends are JMH benchmarks in forked JVMs; storage is a plain write of
 * the same complete games through both, measured on disk after closing.
 */
public final class InProcessWorkloads {

    /** The peer as results name it. */
    public static final String PEER = "Axon JdbcEventStorageEngine (stock) on SQLite 3.50 WAL";

    private final Mode mode;
    private final Path workDir;

    public InProcessWorkloads(Mode mode, Path workDir) {
        this.mode = mode;
        this.workDir = workDir;
    }

    /**
     * Runs the JMH benchmarks on both engines, in the order Ante, stock, stock, Ante, so that a change in the
     * machine's load during the run weighs on both alike; returns {@code ingest.batched.inprocess} and
     * {@code reconstruct.10k.inprocess}. Besides JMH's wall-clock scores, each engine's thread CPU time per
     * operation is reported, which competing load barely moves.
     */
    public List<Workload> jmh(boolean ingest, boolean reconstruct) throws RunnerException {
        Map<String, List<RunResult>> ingestRuns = new HashMap<>();
        Map<String, List<RunResult>> reconstructRuns = new HashMap<>();
        for (String engine : List.of("ante", "stock", "stock", "ante")) {
            OptionsBuilder options = new OptionsBuilder();
            if (ingest) {
                options.include(IngestBenchmark.class.getName() + ".append");
            }
            if (reconstruct) {
                options.include(ReconstructBenchmark.class.getName() + ".reconstruct");
            }
            Options built = options
                    .param("engine", engine)
                    .forks(mode.jmhForks())
                    .warmupIterations(mode.jmhWarmups())
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(mode.jmhIterations())
                    .measurementTime(TimeValue.seconds(2))
                    .jvmArgsAppend("-Xmx2g", "-D" + BenchDirs.PROPERTY + "=" + workDir.toAbsolutePath())
                    .shouldFailOnError(true)
                    .verbosity(VerboseMode.SILENT)
                    .build();
            for (RunResult run : new Runner(built).run()) {
                boolean isIngest = run.getParams().getBenchmark().startsWith(IngestBenchmark.class.getName());
                (isIngest ? ingestRuns : reconstructRuns).computeIfAbsent(engine, e -> new ArrayList<>()).add(run);
            }
        }
        List<Workload> out = new ArrayList<>();
        String measured = "JMH, engines run in the order Ante, stock, stock, Ante; per run " + mode.jmhForks()
                + " fork(s), " + mode.jmhWarmups() + " × 1 s warm-up, " + mode.jmhIterations() + " × 2 s measured";
        if (ingest) {
            double ante = mean(ingestRuns.get("ante"), r -> secondary(r, "events"));
            double stock = mean(ingestRuns.get("stock"), r -> secondary(r, "events"));
            double anteCpu = mean(ingestRuns.get("ante"), r -> secondary(r, "cpuNanos") / secondary(r, "cpuEvents"));
            double stockCpu = mean(ingestRuns.get("stock"), r -> secondary(r, "cpuNanos") / secondary(r, "cpuEvents"));
            out.add(Workload.of("ingest.batched.inprocess", "events/s", Math.round(ante))
                    .peer(PEER, Math.round(stock), Workload.Better.HIGHER)
                    .detail("cpuMicrosPerEvent", Map.of("ante", round(anteCpu / 1e3), "stock", round(stockCpu / 1e3)))
                    .detail("cpuRatio", round(stockCpu / anteCpu))
                    .detail("batch", IngestBenchmark.BATCH + " events per publish, one stream per publish")
                    .detail("measured", measured + "; EmbeddedEventStore.publish outside a unit of work,"
                            + " serialization included; CPU is the benchmark thread's"));
        }
        if (reconstruct) {
            double anteP50 = mean(reconstructRuns.get("ante"), r -> percentile(r, 50));
            double stockP50 = mean(reconstructRuns.get("stock"), r -> percentile(r, 50));
            double anteCpu = mean(reconstructRuns.get("ante"), r -> secondary(r, "cpuNanos")
                    / secondary(r, "cpuOperations"));
            double stockCpu = mean(reconstructRuns.get("stock"), r -> secondary(r, "cpuNanos")
                    / secondary(r, "cpuOperations"));
            out.add(Workload.of("reconstruct.10k.inprocess", "ms", round(anteP50))
                    .percentiles(round(anteP50), round(mean(reconstructRuns.get("ante"), r -> percentile(r, 99))))
                    .peer(PEER, round(stockP50), Workload.Better.LOWER)
                    .target("< 50 ms", anteP50 < 50)
                    .detail("peerP99", round(mean(reconstructRuns.get("stock"), r -> percentile(r, 99))))
                    .detail("cpuMillisPerReconstruction", Map.of("ante", round(anteCpu / 1e6), "stock",
                            round(stockCpu / 1e6)))
                    .detail("cpuRatio", round(stockCpu / anteCpu))
                    .detail("measured", measured + "; sample time of readEvents + deserialize + GameState fold of"
                            + " a 10,000-event game; Axon's default read batch of 100 events on both engines"));
        }
        return out;
    }

    private static double mean(List<RunResult> runs, java.util.function.ToDoubleFunction<RunResult> value) {
        return runs.stream().mapToDouble(value).average().orElse(Double.NaN);
    }

    private static double secondary(RunResult run, String counter) {
        Result<?> result = run.getSecondaryResults().get(counter);
        if (result == null) {
            throw new IllegalStateException("JMH reported no " + counter + " for " + run.getParams().getBenchmark());
        }
        return result.getScore();
    }

    private static double percentile(RunResult run, double p) {
        return run.getPrimaryResult().getStatistics().getPercentile(p);
    }

    /** The same complete games written through both engines, one publish per game, measured after closing. */
    public Workload storage(List<List<StreamBatch>> corpus) throws Exception {
        List<StreamBatch> games = new ArrayList<>();
        for (List<StreamBatch> agent : corpus) {
            for (StreamBatch b : agent) {
                if (b.stream().kind() == StreamRef.Kind.GAME && b.completion() != null
                        && b.events().get(0).type().equals("GameStarted") && games.size() < mode.inProcessGames()) {
                    games.add(b);
                }
            }
        }
        long events = games.stream().mapToLong(g -> g.events().size()).sum();
        double ante = bytesPerGame(Engines.Kind.ANTE, games);
        double stock = bytesPerGame(Engines.Kind.STOCK, games);
        return Workload.of("storage.per_game.inprocess", "KB", round(ante / 1024))
                .peer(PEER, round(stock / 1024), Workload.Better.LOWER)
                .detail("games", games.size())
                .detail("eventsPerGame", round((double) events / games.size()))
                .detail("measured", "database files after closing (WAL checkpointed) / games; same events and"
                        + " metadata through both engines");
    }

    private double bytesPerGame(Engines.Kind kind, List<StreamBatch> games) throws Exception {
        Path dir = BenchDirs.create("storage-" + kind + "-");
        Path file;
        try (Engines.Opened opened = Engines.open(kind, dir)) {
            file = opened.file();
            for (StreamBatch game : games) {
                opened.store().publish(Messages.of(game.stream().streamName(), game.stream().kind(), 0, game.events(),
                        UUID.randomUUID()));
            }
        }
        long bytes = 0;
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path part = file.resolveSibling(file.getFileName() + suffix);
            bytes += Files.exists(part) ? Files.size(part) : 0;
        }
        BenchDirs.delete(dir);
        return (double) bytes / games.size();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
