package dev.ante.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ante.bench.cli.ReplayCli;
import dev.ante.bench.corpus.Corpus;
import dev.ante.bench.http.HttpWorkloads;
import dev.ante.bench.http.Platform;
import dev.ante.bench.inprocess.InProcessWorkloads;
import dev.ante.bench.profile.JfrSummary;
import dev.ante.bench.results.Machine;
import dev.ante.bench.results.Results;
import dev.ante.bench.results.ResultsTable;
import dev.ante.bench.peer.PostgresEventStore;
import dev.ante.bench.results.Workload;
import dev.ante.simulator.SimulationConfig;
import dev.ante.simulator.Simulation;
import dev.ante.simulator.StreamBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the benchmark suite and writes {@code bench/results/latest.json} (format in docs/benchmarks.md) and a readable table
 * beside it ({@code latest.md}).
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package &amp;&amp; java -jar bench/harness/target/ante-bench.jar --mode quick
 * </pre>
 *
 * End-to-end workloads run against the platform jar started as a child process; the side-by-side workloads
 * against Axon's stock JDBC engine run in-process, in JMH forks. Exit codes: 0 done, 1 a workload failed,
 * 2 usage error.
 */
@Command(name = "ante-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Ante's benchmark suite: end-to-end over HTTP, and side by side with Axon's stock engine.")
public final class BenchMain implements Callable<Integer> {

    private static final List<String> HTTP_WORKLOADS = List.of("storage.per_game", "append.single.http",
            "append.single.lean",
            "ingest.batched.http", "reconstruct.10k.http", "reconstruct.10k.cli", "rebuild.http", "stream.latency", "dashboard.first_paint", "soak", "rss");

    /** The soak's agents, and how long each pauses after a request: about 200 requests a second in all. */
    private static final int SOAK_AGENTS = 100;
    private static final long SOAK_PAUSE_MILLIS = 500;

    @Option(names = "--mode", defaultValue = "quick", description = "quick (about 9 minutes on 2 cores) or full.")
    String mode;

    @Option(names = "--out", defaultValue = "bench/results/latest.json", description = "Results file (default"
            + " ${DEFAULT-VALUE}); the table goes beside it as .md.")
    Path out;

    @Option(names = "--platform-jar", defaultValue = "query-api/target/ante.jar", description = "The platform"
            + " (default ${DEFAULT-VALUE}).")
    Path platformJar;

    @Option(names = "--replay-jar", defaultValue = "replay-tool/target/replay-tool.jar", description = "The replay"
            + " tool; reconstruct.10k.cli is skipped when it is missing (default ${DEFAULT-VALUE}).")
    Path replayJar;

    @Option(names = "--only", split = ",", description = "Run only workloads whose names start with one of these.")
    List<String> only;

    @Option(names = "--work-dir", description = "Where data directories and logs go (default: a new temporary"
            + " directory, deleted afterwards unless --keep).")
    Path workDir;

    @Option(names = "--keep", description = "Keep the work directory.")
    boolean keep;

    @Option(names = "--jfr", description = "Record the platform with Java Flight Recorder and summarise its CPU"
            + " samples during the batched ingest into <out>-ingest-profile.txt.")
    boolean jfr;

    @Option(names = "--postgres-url", defaultValue = "${env:ANTE_BENCH_POSTGRES_URL}", description = "A PostgreSQL"
            + " JDBC URL (user and password in it): the plain PostgreSQL event store runs as ingest.batched.http's peer"
            + " there, after the platform has stopped (default: $ANTE_BENCH_POSTGRES_URL; without one it is skipped).")
    String postgresUrl;

    @Option(names = "--platform-java", description = "The java launcher the platform runs with (default: the one"
            + " running the harness), e.g. a newer JDK's bin/java to compare runtimes on the same jar.")
    Path platformJava;

    @Option(names = "--platform-jvm-arg", description = "An extra JVM option for the platform (repeatable).")
    List<String> platformJvmArgs = new ArrayList<>();

    @Option(names = "--platform-arg", description = "An extra application argument for the platform (repeatable),"
            + " e.g. --platform-arg=--ante.questdb.mode=disabled for experiments.")
    List<String> platformArgs = new ArrayList<>();

    @Option(names = "--single-rates", split = ",", description = "append.single.http's rates instead of the mode's,"
            + " e.g. --single-rates=100 to measure a light load alone.")
    List<Integer> singleRates;

    @Option(names = "--single-warmup", description = "append.single.http's warm-up per rate in seconds instead of the"
            + " mode's (the platform's code paths for single requests are still being compiled after a few seconds).")
    Integer singleWarmup;

    @Option(names = "--corpus-times", description = "append.single.http, stream.latency, ingest.batched.http and the"
            + " log grown for rebuild.http send the corpus's own event times as a backfill instead of stamping each"
            + " event with the moment its request is sent, as live agents do.")
    boolean corpusTimes;

    @Option(names = "--rebuild-games", description = "Before rebuild.http, grow the log with more replicas of the"
            + " corpus until it holds about this many games (e.g. 100000 in full mode: 50 replicas of 2,000 games), so"
            + " that the rebuild reads a log of that size.")
    Integer rebuildGames;

    private final List<Workload> workloads = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String[] args;

    public static void main(String[] args) {
        BenchMain main = new BenchMain();
        main.args = args;
        System.exit(new CommandLine(main).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Mode m = Mode.named(mode);
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Machine machine = Machine.current();
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("ante-bench-");
        log("%s mode on %d cores, load average %s; work directory %s", m.name(), machine.cores(),
                machine.loadAverage(), work);
        int status = 0;
        try {
            if (HTTP_WORKLOADS.stream().anyMatch(this::wanted)) {
                endToEnd(m, work);
            }
            if (wanted("storage.per_game.inprocess") || wanted("ingest.batched.inprocess")
                    || wanted("reconstruct.10k.inprocess")) {
                sideBySide(m, work);
            }
        } catch (Exception e) {
            status = 1;
            notes.add("the run stopped early: " + e);
            e.printStackTrace();
        } finally {
            if (!keep && workDir == null) {
                deleteQuietly(work);
            }
        }
        double loadAtEnd = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (machine.loadAverage() != null && Math.max(machine.loadAverage(), loadAtEnd) > machine.cores() * 0.75) {
            notes.add(String.format(Locale.ROOT, "the machine was busy with other work: load average %.2f at the"
                    + " start and %.2f at the end on %d cores; every number here is lower than on an idle machine",
                    machine.loadAverage(), loadAtEnd, machine.cores()));
        }
        Results results = new Results(machine, m.name(), started.truncatedTo(ChronoUnit.SECONDS).toString(),
                Math.round((System.nanoTime() - t0) / 1e8) / 10.0,
                "java -jar bench/harness/target/ante-bench.jar " + String.join(" ", args == null ? new String[0] : args),
                workloads, notes);
        write(results);
        return status;
    }

    private void endToEnd(Mode m, Path work) throws Exception {
        if (!Files.isRegularFile(platformJar)) {
            notes.add("end-to-end workloads skipped: no platform jar at " + platformJar
                    + " (build it with ./mvnw -q -B -DskipTests package)");
            return;
        }
        log("generating %d simulated games by %d agents while the platform starts", m.games(), m.agents());
        CompletableFuture<List<List<StreamBatch>>> corpus = CompletableFuture.supplyAsync(() ->
                Corpus.generate(SimulationConfig.of(42, m.agents(), m.games()), 1_000, 2));
        CompletableFuture<List<StreamBatch>> marathon = CompletableFuture.supplyAsync(() ->
                Simulation.marathon(11, "bench-marathon-10k", 10_000));
        List<String> jvmArgs = new ArrayList<>(platformJvmArgs);
        Path recording = work.resolve("platform.jfr");
        if (jfr) {
            jvmArgs.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true");
        }
        if (platformJava != null) {
            notes.add("the platform ran with " + platformJava);
        }
        Path dataDir = work.resolve("platform-data");
        HttpWorkloads.IngestResult ingest = null;
        long peakRss;
        long rssAtEnd;
        Platform platform = Platform.start(platformJava, platformJar, dataDir, jvmArgs, platformArgs,
                Duration.ofMinutes(3));
        try {
            log("platform up (pid %d, port %d), RSS %d MB", platform.pid(), platform.base().getPort(),
                    platform.rssBytes() >> 20);
            HttpWorkloads http = new HttpWorkloads(platform, m).liveTimes(!corpusTimes);
            List<List<StreamBatch>> games = corpus.join();
            log("corpus: %,d events in %d agents' timelines", Corpus.events(games), games.size());
            if (wanted("storage.per_game") || wanted("append.single.http") || wanted("append.single.lean")
                    || wanted("ingest.batched.http")) {
                log("storage.per_game: %d complete games (also the platform's warm-up)", m.storageGames());
                record(http.storagePerGame(games), wanted("storage.per_game"));
            }
            if (wanted("append.single.http")) {
                Workload headline = null;
                List<Object> byRate = new ArrayList<>();
                List<Integer> rates = singleRates != null ? singleRates : m.rates();
                int warmup = singleWarmup != null ? singleWarmup : m.warmupSeconds();
                for (int rate : rates) {
                    log("append.single.http at %,d requests/s: %d s warm-up, %d s measured", rate, warmup, m.seconds());
                    Workload w = http.singleAppends(games, rate, "-sa" + rate, warmup, m.seconds());
                    java.util.Map<String, Object> summary = new java.util.LinkedHashMap<>(w.details());
                    summary.put("p50", w.p50());
                    summary.put("p99", w.p99());
                    summary.remove("measured");
                    byRate.add(summary);
                    log("  at %,d/s: p50 %s ms, p99 %s ms, achieved %s/s", rate, w.p50(), w.p99(),
                            w.details().get("achievedRate"));
                    if (headline == null) {
                        headline = w.target("p99 < 1 ms at 2,000 req/s", rate == 2_000 && w.value() < 1.0);
                    }
                }
                if (rates.size() > 1) {
                    headline.detail("byRate", byRate);
                }
                record(headline, true);
            }
            if (wanted("append.single.lean")) {
                // At 100 requests a second the platform's and the client's code for one request is compiled only
                // after tens of seconds, and a p99 wants thousands of requests.
                int warmup = Math.max(20, singleWarmup != null ? singleWarmup : m.warmupSeconds());
                int seconds = Math.max(30, m.seconds());
                log("append.single.lean at 100 requests/s from one kept-alive connection: %d s warm-up, %d s measured",
                        warmup, seconds);
                Workload w = http.leanSingleAppends(games, 100, "-lean", warmup, seconds);
                log("  p50 %s ms, p99 %s ms; the machine's floor p99 %s ms", w.p50(), w.p99(),
                        ((java.util.Map<?, ?>) w.details().get("machineFloor")).get("p99"));
                record(w, true);
            }
            if (wanted("stream.latency")) {
                log("stream.latency: 10, then 100 live-stream clients while single events are appended at 200/s"
                        + " for %d s", m.seconds());
                Workload few = http.streamLatency(games, 10, 200, m.seconds());
                log("  with 10 clients: p50 %s ms, p99 %s ms", few.p50(), few.p99());
                Workload many = http.streamLatency(games, 100, 200, m.seconds());
                java.util.Map<String, Object> tenClients = new java.util.LinkedHashMap<>(few.details());
                tenClients.put("p50", few.p50());
                tenClients.put("p99", few.p99());
                record(many.detail("with10Clients", tenClients), true);
            }
            if (wanted("ingest.batched.http") || wanted("rss") || wanted("rebuild.http")) {
                log("ingest.batched.http: %d replicas of the corpus, %d clients", m.replicas(), m.clients());
                ingest = http.batchedIngest(games, m.replicas(), m.clients(), m.ingestSeconds());
                record(ingest.workload(), wanted("ingest.batched.http"));
            }
            if (wanted("dashboard.first_paint")) {
                if (HttpWorkloads.browserAvailable()) {
                    log("dashboard.first_paint: every page of the dashboard in headless Chromium, 3 rounds");
                    record(http.dashboard(3), true);
                } else {
                    notes.add("dashboard.first_paint skipped: no /usr/bin/chromium and /usr/bin/chromedriver"
                            + " (apt-get install chromium chromium-driver)");
                }
            }
            if (wanted("reconstruct.10k.http") || wanted("reconstruct.10k.cli")) {
                log("reconstruct.10k.http: posting the 10,000-event game, reading its state %d times", m.stateReads());
                record(http.reconstructHttp(marathon.join(), m.stateReads()), wanted("reconstruct.10k.http"));
            }
            if (wanted("rebuild.http") && rebuildGames != null) {
                int more = Math.max(0, (rebuildGames - m.replicas() * m.games() + m.games() - 1) / m.games());
                log("rebuild.http: growing the log by %d more replicas of %,d games (about %,d games in all)", more,
                        m.games(), (m.replicas() + more) * m.games());
                long t = System.nanoTime();
                long grown = http.growLog(games, more, m.clients());
                log("  %,d more events in %.0f s, projections caught up", grown, (System.nanoTime() - t) / 1e9);
            }
            if (wanted("rebuild.http")) {
                log("rebuild.http: every read model rebuilt at once over the log the ingest left, then once more");
                record(http.rebuildAll(dev.ante.projections.ProjectionNames.ALL, java.time.Duration.ofMinutes(20)), true);
            }
            if (wanted("soak")) {
                log("soak: %d agents posting batches of up to 10 events with a %d ms pause after each, for %d s",
                        SOAK_AGENTS, SOAK_PAUSE_MILLIS, m.soakSeconds());
                // Beside the results: soak.png for a run written to soak.json, <name>-soak.png for <name>.json.
                String base = out.getFileName().toString().replaceFirst("\\.json$", "");
                Path plot = out.toAbsolutePath().resolveSibling(base.equals("soak") ? "soak.png" : base + "-soak.png");
                Workload soak = new dev.ante.bench.http.Soak(platform, http.api(), http.api().sink(10))
                        .run(games, SOAK_AGENTS, m.soakSeconds(), 10, SOAK_PAUSE_MILLIS, plot);
                log("  soak: p99 %s ms, flat: %s (plot %s)", soak.p99(), soak.meetsTarget(), plot);
                record(soak, true);
            }
            peakRss = platform.peakRssBytes();
            rssAtEnd = platform.rssBytes();
        } finally {
            log("stopping the platform");
            platform.close();
        }
        if (wanted("rss")) {
            Workload rss = Workload.of("rss", "MB", peakRss >> 20)
                    .target("< 2,048 MB", peakRss < 2L << 30)
                    .detail("measured", "peak resident set (VmHWM) of the platform process over the whole run,"
                            + " with its shipped JVM options, embedded QuestDB included")
                    .detail("rssAtEndMB", rssAtEnd >> 20);
            if (ingest != null) {
                rss.detail("peakDuringBatchedIngestMB", ingest.peakRssBytes() >> 20);
            }
            record(rss, true);
        }
        if (ingest != null && wanted("ingest.batched.http")) {
            if (postgresUrl == null || postgresUrl.isBlank()) {
                notes.add("ingest.batched.http ran without its PostgreSQL peer: set ANTE_BENCH_POSTGRES_URL or --postgres-url");
            } else {
                log("ingest.batched.http.peer.postgres: the same replicas and clients, on PostgreSQL");
                Workload peer = new PostgresEventStore(postgresUrl).ingest(corpus.join(), m.replicas(), m.clients());
                workloads.remove(ingest.workload());
                record(ingest.workload().peer("postgres", peer.value(), Workload.Better.HIGHER), true);
                record(peer, true);
            }
        }
        if (wanted("reconstruct.10k.cli")) {
            if (Files.isRegularFile(replayJar)) {
                log("reconstruct.10k.cli: %d runs of the replay tool", m.cliRuns());
                record(ReplayCli.run(replayJar, dataDir, "bench-marathon-10k", m.cliRuns()), true);
            } else {
                notes.add("reconstruct.10k.cli skipped: no replay tool at " + replayJar);
            }
        }
        if (jfr && ingest != null) {
            String summary = JfrSummary.summarize(recording, ingest.from(), ingest.to(), 15);
            Path file = sibling(out, "-ingest-profile.txt");
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, "Platform CPU samples during ingest.batched.http (JFR, settings=profile)\n\n"
                    + summary, StandardCharsets.UTF_8);
            log("ingest profile written to %s:%n%s", file, summary);
        }
    }

    private void sideBySide(Mode m, Path work) throws Exception {
        InProcessWorkloads inProcess = new InProcessWorkloads(m, work);
        if (wanted("storage.per_game.inprocess")) {
            log("storage.per_game.inprocess: %d complete games through both engines", m.inProcessGames());
            record(inProcess.storage(Corpus.generate(SimulationConfig.of(42, m.agents(), m.inProcessGames() * 2),
                    1_000, 2)), true);
        }
        boolean ingest = wanted("ingest.batched.inprocess");
        boolean reconstruct = wanted("reconstruct.10k.inprocess");
        if (ingest || reconstruct) {
            log("JMH: %s on Ante's engine and on Axon's stock JDBC engine (%d fork(s))",
                    ingest && reconstruct ? "batched appends and reconstruction" : ingest ? "batched appends"
                            : "reconstruction", m.jmhForks());
            for (Workload w : inProcess.jmh(ingest, reconstruct)) {
                record(w, true);
            }
        }
    }

    private void record(Workload w, boolean keepIt) {
        if (!keepIt) {
            return;
        }
        workloads.add(w);
        log("  %s = %s %s%s%s", w.name(), w.value(), w.unit(),
                w.p99() == null ? "" : String.format(Locale.ROOT, " (p50 %s, p99 %s)", w.p50(), w.p99()),
                w.ratio() == null ? "" : String.format(Locale.ROOT, "; %s %s, ratio %.2f", w.peer(), w.peerValue(),
                        w.ratio()));
    }

    private boolean wanted(String workload) {
        return only == null || only.stream().anyMatch(workload::startsWith);
    }

    private void write(Results results) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        mapper.writeValue(tmp.toFile(), results);
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String table = ResultsTable.render(results);
        Files.writeString(sibling(out, ".md"), table, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(table);
        System.out.println("results: " + out + ", table: " + sibling(out, ".md"));
    }

    private static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return file.resolveSibling(stem + suffix);
    }

    private static void log(String format, Object... args) {
        System.out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] "
                + String.format(Locale.ROOT, format, args));
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            System.out.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "BenchMain" + Arrays.toString(args);
    }
}
