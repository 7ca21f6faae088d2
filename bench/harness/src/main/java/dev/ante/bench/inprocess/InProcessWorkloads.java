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

    /** Runs both JMH benchmarks on both engines; returns {@code ingest.batched.inprocess} and {@code reconstruct.10k.inprocess}. */
    public List<Workload> jmh(boolean ingest, boolean reconstruct) throws RunnerException {
        OptionsBuilder options = new OptionsBuilder();
        if (ingest) {
            options.include(IngestBenchmark.class.getName());
        }
        if (reconstruct) {
            options.include(ReconstructBenchmark.class.getName());
        }
        Options built = options
                .forks(mode.jmhForks())
                .warmupIterations(mode.jmhWarmups())
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(mode.jmhIterations())
                .measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-Xmx2g", "-D" + BenchDirs.PROPERTY + "=" + workDir.toAbsolutePath())
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> runs = new Runner(built).run();
        Map<String, RunResult> ingestRuns = new HashMap<>();
        Map<String, RunResult> reconstructRuns = new HashMap<>();
        for (RunResult run : runs) {
            String benchmark = run.getParams().getBenchmark();
            String engine = run.getParams().getParam("engine");
            (benchmark.startsWith(IngestBenchmark.class.getName()) ? ingestRuns : reconstructRuns).put(engine, run);
        }
        List<Workload> out = new ArrayList<>();
        if (ingest) {
            double ante = eventsPerSecond(ingestRuns.get("ante"));
            double stock = eventsPerSecond(ingestRuns.get("stock"));
            out.add(Workload.of("ingest.batched.inprocess", "events/s", Math.round(ante))
                    .peer(PEER, Math.round(stock), Workload.Better.HIGHER)
                    .detail("batch", IngestBenchmark.BATCH + " events per publish, one stream per publish")
                    .detail("measured", "JMH throughput, " + mode.jmhForks() + " fork(s) × " + mode.jmhIterations()
                            + " × 2 s after " + mode.jmhWarmups() + " × 1 s warm-up; EmbeddedEventStore.publish"
                            + " outside a unit of work, serialization included"));
        }
        if (reconstruct) {
            RunResult ante = reconstructRuns.get("ante");
            RunResult stock = reconstructRuns.get("stock");
            double antePercentile50 = ante.getPrimaryResult().getStatistics().getPercentile(50);
            double stockPercentile50 = stock.getPrimaryResult().getStatistics().getPercentile(50);
            out.add(Workload.of("reconstruct.10k.inprocess", "ms", round(antePercentile50))
                    .percentiles(round(antePercentile50), round(ante.getPrimaryResult().getStatistics().getPercentile(99)))
                    .peer(PEER, round(stockPercentile50), Workload.Better.LOWER)
                    .target("< 50 ms", antePercentile50 < 50)
                    .detail("peerP99", round(stock.getPrimaryResult().getStatistics().getPercentile(99)))
                    .detail("samples", ante.getPrimaryResult().getStatistics().getN())
                    .detail("measured", "JMH sample time of readEvents + deserialize + GameState fold of a"
                            + " 10,000-event game; Axon's default read batch of 100 events on both engines"));
        }
        return out;
    }

    private static double eventsPerSecond(RunResult run) {
        Result<?> events = run.getSecondaryResults().get("events");
        return events.getScore();
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
