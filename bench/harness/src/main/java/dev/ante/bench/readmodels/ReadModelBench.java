package dev.ante.bench.readmodels;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ante.bench.results.Machine;
import dev.ante.bench.results.Results;
import dev.ante.bench.results.ResultsTable;
import dev.ante.bench.results.Workload;
import dev.ante.projections.antes.AnteStats;
import dev.ante.projections.antes.AnteStatsProjection;
import dev.ante.projections.strategies.Strategies;
import dev.ante.projections.strategies.StrategyProjection;
import dev.ante.projections.summary.GameSummaries;
import dev.ante.projections.summary.GameSummaryProjection;
import dev.ante.projections.synergy.Synergies;
import dev.ante.projections.synergy.SynergyProjection;
import dev.ante.projections.synergy.SynergySize;
import dev.ante.projections.winning.WinningProjection;
import dev.ante.projections.winning.Wins;
import dev.ante.simulator.SimulationConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.axonframework.eventhandling.DomainEventMessage;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Builds the five read models from simulated games in-process, through Axon handler adapters in units of
 * work of 1,000 events (10,000 in the rebuild mode below) inside one database transaction each, on an H2 file database migrated by Flyway;
 * then times every read endpoint's query class against the result.
 *
 * <p>Arguments: {@code [games=100000] [feedSeconds=180] [callsPerQuery=3000] [out=bench/results/readmodels.json]};
 * {@code -Dante.bench.jdbcUrl=jdbc:postgresql://…} (an empty schema) builds them in PostgreSQL instead of H2.
 * Feeding stops after {@code feedSeconds} of wall time even if fewer games were simulated; the number
 * actually built is reported.
 */
public final class ReadModelBench {

    /**
     * {@code -Dante.bench.mode=rebuild} builds the read models as a rebuild through the platform does: units of
     * 10,000 events, and the game summaries and synergies holding their changes in memory
     * ({@code HeldWrites}, written when full and at the end; {@code -Dante.bench.held=false} writes every unit, for
     * comparison; {@code -Dante.bench.heldSynergyKeys} bounds the synergy keys held, 300,000 as the platform's
     * default). Otherwise as the live processors do.
     */
    private static final boolean REBUILD = "rebuild".equals(System.getProperty("ante.bench.mode"));
    private static final boolean HELD = REBUILD && !"false".equals(System.getProperty("ante.bench.held"));
    private static final int BATCH = Integer.getInteger("ante.bench.batch", REBUILD ? 10_000 : 1_000);

    public static void main(String[] args) throws Exception {
        int games = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int feedSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 180;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 3_000;
        Path out = Path.of(args.length > 3 ? args[3] : "bench/results/readmodels.json");
        Machine machine = Machine.current();
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();

        Path dir = Files.createTempDirectory("ante-readmodels-bench");
        HikariConfig hc = new HikariConfig();
        // -Dante.bench.jdbcUrl=jdbc:postgresql://… builds the read models in that database instead (its schema
        // must be empty: Flyway migrates it), as production keeps them.
        String jdbcUrl = System.getProperty("ante.bench.jdbcUrl");
        String database = jdbcUrl == null ? "H2 file database" : "PostgreSQL";
        hc.setJdbcUrl(jdbcUrl != null ? jdbcUrl : "jdbc:h2:file:" + dir.resolve("rm").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;RETENTION_TIME=0"
                + System.getProperty("ante.bench.h2Options", ""));
        hc.setMaximumPoolSize(4);
        try (HikariDataSource ds = new HikariDataSource(hc)) {
            Flyway.configure().dataSource(ds).locations("classpath:db/readmodels").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            // For trying a schema change before writing its migration: -Dante.bench.afterMigrate='DDL;DDL'.
            String afterMigrate = System.getProperty("ante.bench.afterMigrate", "");
            for (String statement : afterMigrate.split(";")) {
                if (!statement.isBlank()) {
                    jdbc.execute(statement);
                }
            }
            DataSourceTransactionManager tm = new DataSourceTransactionManager(ds);
            // One feeder per processor, each with its own transactions, as the platform's processors have:
            // the time each spends is then known, and rebuild.all is their sum (one core doing all five).
            Map<String, ProjectionFeeder> feeders = new LinkedHashMap<>();
            feeders.put("game-summaries", new ProjectionFeeder(tm, BATCH, HELD
                    ? GameSummaryProjection.holding(jdbc, 100_000) : new GameSummaryProjection(jdbc)));
            feeders.put("synergies", new ProjectionFeeder(tm, BATCH, HELD
                    ? SynergyProjection.holding(jdbc, 10_000, Integer.getInteger("ante.bench.heldSynergyKeys", 300_000))
                    : new SynergyProjection(jdbc, 10_000)));
            feeders.put("strategies", new ProjectionFeeder(tm, BATCH, HELD
                    ? StrategyProjection.holding(jdbc, 100_000) : new StrategyProjection(jdbc)));
            feeders.put("winning", new ProjectionFeeder(tm, BATCH, new WinningProjection(jdbc)));
            feeders.put("ante-stats", new ProjectionFeeder(tm, BATCH, new AnteStatsProjection(jdbc)));
            // For profiling one processor: -Dante.bench.only=synergies (queries of the others then see empty tables).
            String only = System.getProperty("ante.bench.only");
            if (only != null) {
                feeders.keySet().retainAll(List.of(only.split(",")));
            }

            SimulatedEvents sim = new SimulatedEvents(SimulationConfig.of(42, Math.max(1, games / 500), games));
            long deadline = System.nanoTime() + feedSeconds * 1_000_000_000L;
            long feedStart = System.nanoTime();
            boolean cut = false;
            long nextReport = feedStart + 15_000_000_000L;
            List<DomainEventMessage<?>> batch;
            while ((batch = sim.nextBatch()) != null) {
                boolean committed = false;
                for (ProjectionFeeder feeder : feeders.values()) {
                    committed |= feeder.add(batch);
                }
                if (committed && System.nanoTime() > deadline) {
                    cut = true;
                    break;
                }
                if (System.nanoTime() > nextReport) {
                    nextReport += 15_000_000_000L;
                    System.err.printf(Locale.ROOT, "  %,d events, %,d games, %.0f s, database %,d MB%n", sim.events(),
                            sim.games(), (System.nanoTime() - feedStart) / 1e9,
                            (jdbcUrl == null ? dirSize(dir) : databaseBytes(jdbc)) / 1_000_000);
                }
            }
            feeders.values().forEach(ProjectionFeeder::flush);
            double wall = (System.nanoTime() - feedStart) / 1e9;
            double inFeed = feeders.values().stream().mapToLong(ProjectionFeeder::feedNanos).sum() / 1e9;
            double rate = sim.events() / inFeed;
            long dbBytes = jdbcUrl == null ? dirSize(dir) : databaseBytes(jdbc);
            System.err.printf(Locale.ROOT, "built: %,d events, %,d games (%,d completed) in %.1f s wall, %.1f s in "
                    + "projections%n", sim.events(), sim.games(), sim.completed(), wall, inFeed);

            List<Workload> workloads = new ArrayList<>();
            workloads.add(Workload.of("rebuild.all", "events/s", Math.round(rate))
                    .target("≥ 100,000 events/s", rate >= 100_000)
                    .detail("games", sim.games()).detail("gamesCompleted", sim.completed())
                    .detail("gamesRequested", games).detail("cutByTimeLimit", cut)
                    .detail("events", sim.events()).detail("batchSize", BATCH)
                    .detail("mode", !REBUILD ? "live processors' batches" : HELD
                            ? "rebuild: game summaries, synergies and strategies held in memory" : "rebuild: every unit written")
                    .detail("unitsPerProcessor", feeders.get("synergies").units())
                    .detail("secondsInProjections", round(inFeed)).detail("secondsWallIncludingSimulation", round(wall))
                    .detail("eventsPerSecondWallIncludingSimulation", Math.round(sim.events() / wall))
                    .detail("database", database)
                    .detail(jdbcUrl == null ? "h2FileBytes" : "postgresDatabaseBytes", dbBytes));
            feeders.forEach((name, feeder) -> {
                double seconds = feeder.feedNanos() / 1e9;
                workloads.add(Workload.of("rebuild." + name, "events/s", Math.round(sim.events() / seconds))
                        .detail("secondsInProjection", round(seconds))
                        .detail("shareOfRebuild", Math.round(seconds / inFeed * 1000) / 1000.0));
                System.err.printf(Locale.ROOT, "  rebuild.%s: %.1f s, %,.0f events/s%n", name, seconds,
                        sim.events() / seconds);
            });

            List<String> gameIds = jdbc.queryForList(
                    "SELECT game_id FROM game_summary ORDER BY game_id", String.class);
            List<String> strategyIds = jdbc.queryForList("SELECT strategy_id FROM strategy_stats", String.class);
            List<String> agentIds = jdbc.queryForList("SELECT DISTINCT agent_id FROM game_summary", String.class);
            List<String[]> deckStakes = jdbc.query("SELECT DISTINCT deck, stake FROM winning_game",
                    (rs, i) -> new String[] {rs.getString(1), rs.getString(2)});
            SplittableRandom random = new SplittableRandom(7);

            GameSummaries summaries = new GameSummaries(jdbc);
            String[] statuses = {"WON", "LOST", "ACTIVE", "ABANDONED"};
            workloads.add(time("query.games", calls, sim.games(), i -> {
                String after = random.nextInt(3) == 0 || gameIds.isEmpty() ? null
                        : gameIds.get(random.nextInt(gameIds.size()));
                switch (i % 4) {
                    case 0 -> summaries.list(null, null, null, after, 50);
                    case 1 -> summaries.list(statuses[random.nextInt(4)], null, null, after, 50);
                    case 2 -> summaries.list(null, pick(strategyIds, random), null, after, 50);
                    default -> summaries.list(random.nextBoolean() ? "WON" : null, null, pick(agentIds, random),
                            after, 50);
                }
            }));
            Synergies synergies = new Synergies(jdbc);
            Synergies.Sort[] sorts = Synergies.Sort.values();
            SynergySize[] sizes = SynergySize.values();
            workloads.add(time("query.synergies", calls, sim.games(), i -> synergies.top(sizes[i % sizes.length],
                    new long[] {0, 5, 30}[random.nextInt(3)], sorts[(i / sizes.length) % sorts.length], 50)));
            Strategies strategies = new Strategies(jdbc);
            Strategies.Sort[] boardSorts = Strategies.Sort.values();
            workloads.add(time("query.leaderboard", calls, sim.games(),
                    i -> strategies.leaderboard(random.nextInt(2) * 10, boardSorts[i % boardSorts.length], 50)));
            Wins winning = new Wins(jdbc);
            workloads.add(time("query.winning-games", calls, sim.games(), i -> {
                switch (i % 3) {
                    case 0 -> winning.games(null, null, null, 50);
                    case 1 -> winning.games(pick(strategyIds, random), null, null, 50);
                    default -> {
                        String[] ds2 = deckStakes.isEmpty() ? new String[2] : deckStakes.get(random.nextInt(
                                deckStakes.size()));
                        winning.games(null, ds2[0], random.nextBoolean() ? ds2[1] : null, 50);
                    }
                }
            }));
            workloads.add(time("query.winning-builds", calls, sim.games(),
                    i -> winning.builds(random.nextInt(3), 50)));
            workloads.add(time("query.strategy", calls, sim.games(),
                    i -> strategies.detail(pick(strategyIds, random))));
            AnteStats antes = new AnteStats(jdbc);
            workloads.add(time("query.antes", calls, sim.games(), i -> antes.all()));

            List<String> notes = new ArrayList<>();
            notes.add(String.format(Locale.ROOT, "read models of %,d simulated games (%,d events; %,d game summaries, "
                            + "%,d strategies, %,d synergy keys, %,d winning games) on %s, %.0f MB",
                    sim.games(), sim.events(), gameIds.size(), strategyIds.size(),
                    jdbc.queryForObject("SELECT count(*) FROM synergy", Long.class),
                    jdbc.queryForObject("SELECT count(*) FROM winning_game", Long.class), database, dbBytes / 1e6));
            if (cut) {
                notes.add("feeding stopped at the " + feedSeconds + " s limit before all " + games
                        + " requested games were simulated");
            }
            notes.add("rebuild.all counts time inside batches only (handlers, flushes, commits) of all five "
                    + "processors run one after another on one thread, each batch in its own transaction; event "
                    + "generation by the simulator on the same thread is excluded and shown in details. "
                    + "rebuild.<processor> is one processor's rate over the same events");
            Results results = new Results(machine, "readmodels", startedAt.toString(),
                    round((System.nanoTime() - t0) / 1e9), "ReadModelBench " + String.join(" ", args), workloads,
                    notes);
            results.writeTo(out);
            System.out.println(ResultsTable.render(results));
        } finally {
            deleteTree(dir);
        }
    }

    private static Workload time(String name, int calls, long games, IntConsumer call) {
        int warmup = Math.max(500, calls / 2);
        for (int i = 0; i < warmup; i++) {
            call.accept(i);
        }
        Histogram h = new Histogram(60_000_000_000L, 3);
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long s = System.nanoTime();
            call.accept(i);
            h.recordValue(System.nanoTime() - s);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double p50 = h.getValueAtPercentile(50) / 1e6;
        double p99 = h.getValueAtPercentile(99) / 1e6;
        System.err.printf(Locale.ROOT, "  %s: p50 %.3f ms, p99 %.3f ms%n", name, p50, p99);
        return Workload.of(name, "ms", round3(h.getMean() / 1e6)).percentiles(round3(p50), round3(p99))
                .target("p99 < 10 ms at 100,000 games", p99 < 10 && games >= 100_000)
                .detail("calls", calls).detail("warmupCalls", warmup).detail("games", games)
                .detail("max", round3(h.getMaxValue() / 1e6)).detail("callsPerSecond", Math.round(calls / seconds))
                .detail("valueIs", "mean");
    }

    private static String pick(List<String> from, SplittableRandom random) {
        return from.isEmpty() ? null : from.get(random.nextInt(from.size()));
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** What the current PostgreSQL database takes on disk. */
    private static long databaseBytes(JdbcTemplate jdbc) {
        Long bytes = jdbc.queryForObject("SELECT pg_database_size(current_database())", Long.class);
        return bytes == null ? 0 : bytes;
    }

    static long dirSize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }

    private ReadModelBench() {
    }
}
