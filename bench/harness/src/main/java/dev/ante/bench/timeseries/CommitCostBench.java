package dev.ante.bench.timeseries;



import dev.ante.bench.results.Machine;
import dev.ante.bench.results.Results;
import dev.ante.bench.results.ResultsTable;
import dev.ante.bench.results.Workload;
import dev.ante.projections.timeseries.QuestDb;
import dev.ante.projections.timeseries.SeriesSchema;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableToken;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.wal.WalWriter;
import io.questdb.std.str.Utf8String;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * What one small commit to a time-series table costs the embedded QuestDB, as the table grows: the CPU of the
 * thread that applies the write-ahead log to the table, per commit of {@code rows} {@code game_metrics} rows,
 * when each commit's rows all lie after the table's newest row (in order) and when some lie up to
 * {@code lateMillis} before it (out of order, as rows of several agents playing at once arrive). The table is
 * grown between measurements by large in-order commits, so each stage measures against a larger day partition.
 * The server is the platform's own embedded one, with its settings, plus any {@code -Dqdb.<key>=<value>}
 * server properties.
 *
 * <p>Arguments: {@code [rows=50] [commits=60] [growRows=200000] [stages=5] [lateMillis=100]
 * [out=bench/results/questdb-commit-cost.json]}.
 */
public final class CommitCostBench {

    private CommitCostBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int commits = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int growRows = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        int stages = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int lateMillis = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        Path out = Path.of(args.length > 5 ? args[5] : "bench/results/questdb-commit-cost.json");
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("qdb.")) {
                properties.put(k.toString().substring(4), v.toString());
            }
        });
        Machine machine = Machine.current();
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        List<Workload> workloads = new ArrayList<>();
        List<Map<String, Object>> inOrder = run(false, rows, commits, growRows, stages, lateMillis, properties);
        List<Map<String, Object>> late = run(true, rows, commits, growRows, stages, lateMillis, properties);
        workloads.add(summary("questdb.commit.in_order", inOrder, rows, commits));
        workloads.add(summary("questdb.commit.out_of_order", late, rows, commits)
                .detail("lateMillis", lateMillis));
        List<String> notes = List.of(String.format(Locale.ROOT, "game_metrics, commits of %d rows through the"
                + " table's WAL writer in this JVM, each waited for until applied; %d commits per stage; the table grown"
                + " by %,d in-order rows before each stage after the first; server properties %s", rows, commits,
                growRows, properties));
        Results results = new Results(machine, "questdb-commit-cost", startedAt.toString(),
                Math.round((System.nanoTime() - t0) / 1e8) / 10.0, "CommitCostBench " + String.join(" ", args),
                workloads, notes);
        results.writeTo(out);
        System.out.println(ResultsTable.render(results));
    }

    private static Workload summary(String name, List<Map<String, Object>> stages, int rows, int commits) {
        double mean = stages.stream().mapToDouble(s -> (Double) s.get("applyCpuMillisPerCommit")).average()
                .orElse(Double.NaN);
        return Workload.of(name, "ms CPU per commit", round2(mean))
                .detail("rowsPerCommit", rows)
                .detail("commitsPerStage", commits)
                .detail("valueIs", "mean over the stages of the applying thread's CPU per commit")
                .detail("stages", stages);
    }

    private static List<Map<String, Object>> run(boolean outOfOrder, int rows, int commits, int growRows,
                                                 int stages, int lateMillis, Map<String, String> properties)
            throws Exception {
        BenchQuestDb server = BenchQuestDb.start("ante-commit-cost", 60, properties);
        List<Map<String, Object>> results = new ArrayList<>();
        try {
            QuestDb questDb = new QuestDb(server.endpoint(), server::engine);
            questDb.migrate();
            CairoEngine engine = server.engine();
            TableToken token = engine.getTableTokenIfExists(SeriesSchema.GAME_METRICS.name());
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            SplittableRandom random = new SplittableRandom(42);
            // Today, from one in the morning: the day's partition is the one live rows land in.
            long now = System.currentTimeMillis() / 86_400_000L * 86_400_000_000L + 3_600_000_000L;
            long seq = 0;
            long tableRows = 0;
            for (int stage = 0; stage < stages; stage++) {
                if (stage > 0) {
                    try (WalWriter writer = engine.getWalWriter(token)) {
                        for (int i = 0; i < growRows; i++) {
                            row(writer, now, seq++, random);
                            now += 50;
                        }
                        writer.commit();
                    }
                    tableRows += growRows;
                    awaitApplied(engine, token);
                }
                long partitionBytes = bytes(server.dbRoot(), SeriesSchema.GAME_METRICS.name());
                long cpuBefore = applyThreadsCpu(threads);
                long wallBefore = System.nanoTime();
                for (int c = 0; c < commits; c++) {
                    try (WalWriter writer = engine.getWalWriter(token)) {
                        for (int i = 0; i < rows; i++) {
                            long at = outOfOrder ? now - random.nextLong(lateMillis * 1_000L) : now;
                            row(writer, at, seq++, random);
                            now += 1_000;
                        }
                        writer.commit();
                    }
                    awaitApplied(engine, token);
                }
                tableRows += (long) rows * commits;
                long cpu = applyThreadsCpu(threads) - cpuBefore;
                Map<String, Object> s = new java.util.LinkedHashMap<>();
                s.put("tableRowsBefore", tableRows - (long) rows * commits);
                s.put("tableMBBefore", round2(partitionBytes / 1e6));
                s.put("applyCpuMillisPerCommit", round2(cpu / 1e6 / commits));
                s.put("wallMillisPerCommit", round2((System.nanoTime() - wallBefore) / 1e6 / commits));
                results.add(s);
                System.err.printf(Locale.ROOT, "%s: %s%n", outOfOrder ? "out of order" : "in order", s);
            }
        } finally {
            server.close();
        }
        return results;
    }

    /** A {@code game_metrics} row; columns looked up by name, since migrations append some at the end. */
    private static void row(WalWriter writer, long at, long seq, SplittableRandom random) {
        io.questdb.cairo.sql.TableRecordMetadata m = writer.getMetadata();
        TableWriter.Row row = writer.newRow(at);
        row.putVarchar(m.getColumnIndex("game_id"), new Utf8String("game-" + (seq % 997)));
        row.putLong(m.getColumnIndex("seq"), seq);
        row.putSym(m.getColumnIndex("agent_id"), "agent-" + (seq % 12));
        row.putSym(m.getColumnIndex("strategy_id"), "strategy-" + (seq % 5));
        row.putSym(m.getColumnIndex("deck"), "RED");
        row.putSym(m.getColumnIndex("stake"), "WHITE");
        row.putInt(m.getColumnIndex("ante"), (int) (seq % 8) + 1);
        row.putSym(m.getColumnIndex("blind_type"), "BIG");
        row.putInt(m.getColumnIndex("hand_number"), (int) (seq % 4) + 1);
        row.putSym(m.getColumnIndex("hand_type"), "FLUSH");
        row.putLong(m.getColumnIndex("base_chips"), 35);
        row.putDouble(m.getColumnIndex("base_mult"), 4.0);
        row.putLong(m.getColumnIndex("final_chips"), 120 + random.nextInt(100));
        row.putDouble(m.getColumnIndex("final_mult"), 8.5);
        row.putLong(m.getColumnIndex("final_score"), 1_000 + random.nextInt(5_000));
        row.putInt(m.getColumnIndex("money_before"), 10);
        row.putInt(m.getColumnIndex("money_after"), 12);
        row.putInt(m.getColumnIndex("jokers_active"), 3);
        row.putVarchar(m.getColumnIndex("jokers"), new Utf8String("Joker,Greedy Joker,Blueprint"));
        row.append();
    }

    private static void awaitApplied(CairoEngine engine, TableToken token) throws InterruptedException {
        long target = engine.getTableSequencerAPI().lastTxn(token);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (engine.getTableSequencerAPI().getTxnTracker(token).getWriterTxn() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("QuestDB did not apply transaction " + target + " in two minutes");
            }
            Thread.sleep(1);
        }
    }

    /** CPU of the threads that apply write-ahead logs (the platform's settings put that on the write pool). */
    private static long applyThreadsCpu(ThreadMXBean threads) {
        long sum = 0;
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            String name = info.getThreadName();
            if (name.startsWith("shared-write") || name.startsWith("wal-apply")) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    private static long bytes(Path db, String table) throws IOException {
        try (Stream<Path> files = Files.walk(db)) {
            return files.filter(p -> p.toString().contains("/" + table + "~") && !p.toString().contains("/wal"))
                    .filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }


    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
