package dev.ante.bench.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ante.bench.store.Candidate.BenchEvent;
import dev.ante.infra.store.sqlite.Durability;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;

/**
 * Measures the embedded databases considered for the event store on one schema shape: append throughput in
 * 100-event batches, single-event append latency, the latency of reading a 1,000-event stream, bytes per
 * event on disk, and whether a second process can read while the first one writes.
 *
 * <p>Usage: {@code EmbeddedDatabaseComparison [--dir DIR] [--events N] [--singles N] [--only TEXT] [--keep]};
 * {@code --only} runs just the candidates whose label contains the text. Prints the machine and a Markdown
 * table on stdout. {@code --read-child ...} is the entry point of the second process.
 */
public final class EmbeddedDatabaseComparison {

    private static final int BATCH = 100;
    private static final int STREAMS = 1_000;
    private static final int WARMUP_BATCHES = 200;
    private static final int WARMUP_SINGLES = 1_000;
    private static final int READ_STREAM_EVENTS = 1_000;
    private static final int WARMUP_READS = 50;
    private static final int READS = 300;

    private record Result(String label, double eventsPerSecond, double singleP50Micros, double singleP99Micros,
                          double readP50Millis, double readP99Millis, double bytesPerEvent, long events) {
    }

    private EmbeddedDatabaseComparison() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--read-child")) {
            ConcurrentReader.run(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Path root = null;
        int events = 200_000;
        int singles = 5_000;
        boolean keep = false;
        String only = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> root = Path.of(args[++i]);
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--singles" -> singles = Integer.parseInt(args[++i]);
                case "--keep" -> keep = true;
                case "--only" -> only = args[++i].toLowerCase(Locale.ROOT);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        root = root == null ? Files.createTempDirectory("ante-db-comparison") : Files.createDirectories(root);

        printMachine(root);
        BenchEvent sample = event(0, 0);
        System.out.printf(Locale.ROOT, "event: %d bytes (data %d + metadata %d); %d events in %d-event batches"
                        + " over %d streams; %d single appends%n%n",
                sample.size(), sample.data().length, sample.metadata().length, events, BATCH, STREAMS, singles);

        List<Candidate> all = List.of(
                JdbcCandidate.sqlite("SQLite 3.50 WAL, synchronous=NORMAL", SQLiteConfig.SynchronousMode.NORMAL),
                JdbcCandidate.sqlite("SQLite 3.50 WAL, synchronous=FULL", SQLiteConfig.SynchronousMode.FULL),
                JdbcCandidate.h2("H2 2.3 MVStore, WRITE_DELAY=0", ";WRITE_DELAY=0"),
                JdbcCandidate.h2("H2 2.3 MVStore, default WRITE_DELAY (500 ms)", ""),
                new StoreCandidate("SqliteStreamStore (PROCESS_CRASH), the production path", Durability.PROCESS_CRASH));
        String filter = only;
        List<Candidate> candidates = all.stream()
                .filter(c -> c.label().toLowerCase(Locale.ROOT).contains(filter)).toList();
        List<Result> results = new ArrayList<>();
        List<String> readers = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            System.out.println("measuring " + candidate.label() + " ...");
            results.add(measure(candidate, Files.createDirectories(root.resolve("perf-" + i)), events, singles));
            readers.add(candidate.label() + ": "
                    + checkConcurrentReader(candidate, Files.createDirectories(root.resolve("reader-" + i))));
        }
        Candidate autoServer = JdbcCandidate.h2("H2 2.3 MVStore, WRITE_DELAY=0;AUTO_SERVER=TRUE",
                ";WRITE_DELAY=0;AUTO_SERVER=TRUE");
        if (only.isEmpty()) {
            readers.add(autoServer.label() + ": "
                    + checkConcurrentReader(autoServer, Files.createDirectories(root.resolve("reader-auto-server"))));
        }

        System.out.println();
        System.out.println("| candidate | append, 100-event batches (events/s) | single append p50 / p99 (µs)"
                + " | read 1,000-event stream p50 / p99 (ms) | bytes per event on disk |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %.0f / %.0f | %.2f / %.2f | %.0f |%n", r.label(),
                    r.eventsPerSecond(), r.singleP50Micros(), r.singleP99Micros(), r.readP50Millis(),
                    r.readP99Millis(), r.bytesPerEvent());
        }
        System.out.println();
        System.out.println("Second process reading while the first writes:");
        readers.forEach(line -> System.out.println("- " + line));
        System.out.printf(Locale.ROOT, "%ntotal time: %.0f s%n", (System.nanoTime() - started) / 1e9);
        if (!keep) {
            deleteRecursively(root);
        }
    }

    private static Result measure(Candidate candidate, Path dir, int events, int singles) throws Exception {
        int batches = events / BATCH;
        List<List<BenchEvent>> warmup = batches(WARMUP_BATCHES, 0);
        List<List<BenchEvent>> timed = batches(batches, WARMUP_BATCHES);
        long stored = 0;
        candidate.open(dir);
        try {
            for (int i = 0; i < warmup.size(); i++) {
                candidate.append("warmup-" + (i % 100), warmup.get(i));
            }
            stored += (long) warmup.size() * BATCH;

            long start = System.nanoTime();
            for (int i = 0; i < timed.size(); i++) {
                candidate.append("game-" + (i % STREAMS), timed.get(i));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            stored += (long) timed.size() * BATCH;
            double eventsPerSecond = timed.size() * (double) BATCH / seconds;

            long[] latencies = new long[singles];
            for (int i = 0; i < WARMUP_SINGLES + singles; i++) {
                List<BenchEvent> one = List.of(event(1_000_000 + i, 0));
                long t = System.nanoTime();
                candidate.append("single-" + (i % 100), one);
                if (i >= WARMUP_SINGLES) {
                    latencies[i - WARMUP_SINGLES] = System.nanoTime() - t;
                }
            }
            stored += WARMUP_SINGLES + singles;

            for (List<BenchEvent> batch : batches(READ_STREAM_EVENTS / BATCH, 2_000_000)) {
                candidate.append("read-1000", batch);
            }
            stored += READ_STREAM_EVENTS;
            long[] reads = new long[READS];
            for (int i = 0; i < WARMUP_READS + READS; i++) {
                long t = System.nanoTime();
                int read = candidate.readStream("read-1000", READ_STREAM_EVENTS);
                if (read != READ_STREAM_EVENTS) {
                    throw new IllegalStateException("read " + read + " events");
                }
                if (i >= WARMUP_READS) {
                    reads[i - WARMUP_READS] = System.nanoTime() - t;
                }
            }
            Arrays.sort(latencies);
            Arrays.sort(reads);
            candidate.close();
            double bytesPerEvent = candidate.bytesOnDisk(dir) / (double) stored;
            return new Result(candidate.label(), eventsPerSecond, percentile(latencies, 50) / 1e3,
                    percentile(latencies, 99) / 1e3, percentile(reads, 50) / 1e6, percentile(reads, 99) / 1e6,
                    bytesPerEvent, stored);
        } catch (Exception e) {
            try {
                candidate.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Keeps appending in this process while a child JVM opens the same database and counts its events. */
    private static String checkConcurrentReader(Candidate candidate, Path dir) throws Exception {
        candidate.open(dir);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Exception> writerFailures = new ArrayList<>();
        Thread writer = new Thread(() -> {
            int i = 0;
            try {
                while (writing.get()) {
                    candidate.append("reader-check-" + (i % 10), batches(1, 3_000_000 + i * BATCH).get(0));
                    i++;
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                writerFailures.add(e);
            }
        }, "writer");
        try {
            candidate.append("reader-check-start", batches(1, 2_900_000).get(0));
            writer.start();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    EmbeddedDatabaseComparison.class.getName(), "--read-child"));
            command.addAll(candidate.readerArguments(dir));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<Long> counts = new ArrayList<>();
            String failure = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("COUNT ")) {
                        counts.add(Long.parseLong(line.substring(6).trim()));
                    } else if (line.startsWith("FAILED ")) {
                        failure = line.substring(7);
                    }
                }
            }
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                return "no: the reader did not finish within 30 s";
            }
            if (failure != null) {
                return "no: " + failure;
            }
            if (counts.size() >= 2 && counts.get(counts.size() - 1) > counts.get(0)) {
                return "yes: counts " + counts + " rose while this process kept writing";
            }
            return "unclear: counts " + counts;
        } finally {
            writing.set(false);
            writer.join(10_000);
            candidate.close();
            if (!writerFailures.isEmpty()) {
                System.out.println("  (the writer failed during the check: " + writerFailures.get(0) + ")");
            }
        }
    }

    private static List<List<BenchEvent>> batches(int count, int seed) {
        List<List<BenchEvent>> batches = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            List<BenchEvent> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                batch.add(event(seed + b * BATCH + i, i));
            }
            batches.add(batch);
        }
        return batches;
    }

    // A HandPlayed of realistic size; the numbers vary so the data does not compress into nothing.
    private static BenchEvent event(int n, int hand) {
        String data = "{\"ante\":" + (1 + n % 8) + ",\"blindType\":\"BIG\",\"handNumber\":" + (1 + hand % 4)
                + ",\"cards\":[\"AS\",\"KS\",\"QS\",\"JS\",\"TS\"],\"handType\":\"Straight Flush\","
                + "\"jokers\":[\"Joker\",\"Blueprint\",\"Brainstorm\",\"Baron\"],\"baseChips\":100,"
                + "\"baseMult\":8.0,\"jokerEffects\":[{\"joker\":\"Joker\",\"effect\":\"mult\",\"value\":4.0}],"
                + "\"finalChips\":" + (150 + n % 97) + ",\"finalMult\":24.5,\"finalScore\":" + (3_000 + n % 9_973)
                + ",\"moneyBefore\":12,\"moneyAfter\":15,\"timeToDecisionMs\":" + (n % 1_000) + "}";
        UUID id = UUID.nameUUIDFromBytes(Integer.toString(n).getBytes(UTF_8));
        String metadata = "{\"eventId\":\"" + id + "\",\"occurredAt\":\"2026-11-23T10:15:30."
                + String.format(Locale.ROOT, "%06d", n % 1_000_000) + "Z\"}";
        return new BenchEvent(id, "HandPlayed", data.getBytes(UTF_8), metadata.getBytes(UTF_8));
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void printMachine(Path dir) throws IOException {
        Runtime runtime = Runtime.getRuntime();
        FileStore fileStore = Files.getFileStore(dir);
        String cpu = "unknown CPU";
        Path cpuInfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuInfo)) {
            try (Stream<String> lines = Files.lines(cpuInfo)) {
                cpu = lines.filter(l -> l.startsWith("model name")).findFirst()
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
            }
        }
        System.out.printf(Locale.ROOT, "date: %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        System.out.printf(Locale.ROOT, "machine: %d cores (%s), max heap %d MB, %s %s%n",
                runtime.availableProcessors(), cpu, runtime.maxMemory() >> 20,
                System.getProperty("os.name"), System.getProperty("os.version"));
        System.out.printf(Locale.ROOT, "JDK: %s %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"));
        System.out.printf(Locale.ROOT, "disk: %s (%s) at %s%n", fileStore.name(), fileStore.type(), dir);
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
