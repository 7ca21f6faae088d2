package dev.ante.bench.timeseries;



import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ante.bench.readmodels.ProjectionFeeder;
import dev.ante.bench.readmodels.SimulatedEvents;
import dev.ante.bench.results.Machine;
import dev.ante.bench.results.Results;
import dev.ante.bench.results.ResultsTable;
import dev.ante.bench.results.Workload;
import dev.ante.projections.timeseries.GameSeriesProjection;
import dev.ante.projections.timeseries.QuestDb;
import dev.ante.projections.timeseries.SeriesSchema;
import dev.ante.simulator.SimulationConfig;
import io.questdb.client.Sender;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.axonframework.eventhandling.DomainEventMessage;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The time-series projection against a bare ILP sender on an embedded QuestDB: the same simulated games'
 * rows into the same tables, first through {@link GameSeriesProjection} (Axon handler adapter, unit of work
 * and H2 transaction of 1,000 events, its context table in H2), then through a raw {@link Sender}; then how
 * long after a batch's flush its rows become queryable.
 *
 * <p>Arguments: {@code [games=1000] [lagBatches=100] [out=bench/results/timeseries.json]}.
 */
public final class TimeSeriesBench {

    private static final int BATCH = 1_000;

    public static void main(String[] args) throws Exception {
        int games = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int lagBatches = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path out = Path.of(args.length > 2 ? args[2] : "bench/results/timeseries.json");
        Machine machine = Machine.current();
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();

        // Simulated up front, so that generation costs neither side anything.
        SimulatedEvents sim = new SimulatedEvents(SimulationConfig.of(43, Math.max(1, games / 50), games));
        List<List<DomainEventMessage<?>>> batches = new ArrayList<>();
        List<DomainEventMessage<?>> current = new ArrayList<>(BATCH);
        List<DomainEventMessage<?>> next;
        while ((next = sim.nextBatch()) != null) {
            for (DomainEventMessage<?> m : next) {
                if (isGame(m)) {
                    current.add(m);
                    if (current.size() == BATCH) {
                        batches.add(current);
                        current = new ArrayList<>(BATCH);
                    }
                }
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        long gameEvents = batches.stream().mapToLong(List::size).sum();
        System.err.printf(Locale.ROOT, "simulated %,d games, %,d game-stream events in %,d batches%n", sim.games(),
                gameEvents, batches.size());

        // The platform's own embedded server, with the benchmark's fixed users.
        BenchQuestDb server = BenchQuestDb.start("ante-timeseries-bench", 10, Map.of());
        Path dir = server.dir();
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:h2:file:" + dir.resolve("rm").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;RETENTION_TIME=0");
        hc.setMaximumPoolSize(4);
        try (HikariDataSource ds = new HikariDataSource(hc)) {
            QuestDb.Endpoint endpoint = server.endpoint();
            QuestDb questDb = new QuestDb(endpoint);
            // The platform's embedded mode: the projection appends to the tables' WAL in this process.
            QuestDb direct = new QuestDb(endpoint, server::engine);
            questDb.migrate();
            Flyway.configure().dataSource(ds).locations("classpath:db/readmodels").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            DataSourceTransactionManager tm = new DataSourceTransactionManager(ds);
            List<String> tables = SeriesSchema.GAME_TABLES;

            // Warm-up: a tenth of the batches both ways, then empty tables.
            int warm = Math.max(1, batches.size() / 10);
            runProjection(questDb, jdbc, tm, batches.subList(0, warm));
            runRaw(questDb, batches.subList(0, warm));
            truncate(questDb, jdbc, tables);

            // Two rounds, the sides in rotating order; each side's faster round counts. Each side's time runs
            // until its last batch is committed and every table's WAL is applied, so that work QuestDB does
            // after the commit is counted for both.
            double projSeconds = Double.MAX_VALUE;
            double rawSeconds = Double.MAX_VALUE;
            double directSeconds = Double.MAX_VALUE;
            long projRows = 0;
            long rawRows = 0;
            long directRows = 0;
            long[] rawRowsSent = new long[1];
            for (int round = 0; round < 2; round++) {
                for (int side = 0; side < 3; side++) {
                    int which = (round + side) % 3;
                    long start = System.nanoTime();
                    if (which == 0) {
                        runProjection(questDb, jdbc, tm, batches);
                        questDb.awaitApplied(tables, Duration.ofMinutes(2));
                        projSeconds = Math.min(projSeconds, (System.nanoTime() - start) / 1e9);
                        projRows = countRows(questDb, tables);
                    } else if (which == 1) {
                        runRaw(questDb, batches, rawRowsSent);
                        questDb.awaitApplied(tables, Duration.ofMinutes(2));
                        rawSeconds = Math.min(rawSeconds, (System.nanoTime() - start) / 1e9);
                        rawRows = countRows(questDb, tables);
                    } else {
                        runProjection(direct, jdbc, tm, batches);
                        questDb.awaitApplied(tables, Duration.ofMinutes(2));
                        directSeconds = Math.min(directSeconds, (System.nanoTime() - start) / 1e9);
                        directRows = countRows(questDb, tables);
                    }
                    truncate(questDb, jdbc, tables);
                }
            }
            double directRate = directRows / directSeconds;
            System.err.printf(Locale.ROOT, "projection with direct WAL writes %,d rows in %.2f s%n", directRows,
                    directSeconds);
            double projRate = projRows / projSeconds;
            double rawRate = rawRows / rawSeconds;
            System.err.printf(Locale.ROOT, "projection %,d rows in %.2f s; raw %,d rows (%,d sent) in %.2f s%n",
                    projRows, projSeconds, rawRows, rawRowsSent[0], rawSeconds);

            // Lag: one projection batch at a time, then poll (every millisecond) until every table's WAL is applied.
            Histogram lag = new Histogram(3_600_000_000_000L, 3);
            GameSeriesProjection projection = new GameSeriesProjection(jdbc, questDb);
            ProjectionFeeder feeder = new ProjectionFeeder(tm, BATCH, projection);
            try (Connection c = questDb.admin(); Statement st = c.createStatement()) {
                for (int i = 0; i < Math.min(lagBatches, batches.size()); i++) {
                    feeder.add(batches.get(i));
                    feeder.flush();
                    long flushed = feeder.lastFlushEndNanos();
                    while (!applied(st, tables)) {
                        Thread.sleep(1);
                    }
                    lag.recordValue(System.nanoTime() - flushed);
                }
            } finally {
                projection.close();
            }

            List<Workload> workloads = new ArrayList<>();
            double ratio = projRate / rawRate;
            workloads.add(Workload.of("questdb.rows", "rows/s", Math.round(projRate))
                    .peer("raw ILP Sender", Math.round(rawRate), Workload.Better.HIGHER)
                    .target("≥ 0.7 × raw", ratio >= 0.7)
                    .detail("games", sim.games()).detail("gameEvents", gameEvents).detail("batchSize", BATCH)
                    .detail("rowsProjection", projRows).detail("rowsRaw", rawRows)
                    .detail("secondsProjection", round3(projSeconds)).detail("secondsRaw", round3(rawSeconds))
                    .detail("rounds", "2, rotating order, faster round of each side; each until its WAL is applied")
                    .detail("eventsPerSecondProjection", Math.round(gameEvents / projSeconds)));
            workloads.add(Workload.of("questdb.rows.direct", "rows/s", Math.round(directRate))
                    .peer("raw ILP Sender", Math.round(rawRate), Workload.Better.HIGHER)
                    .target("≥ 1 × raw", directRate >= rawRate)
                    .detail("rows", directRows).detail("seconds", round3(directSeconds))
                    .detail("ratioToIlpProjection", round3(directRate / projRate))
                    .detail("eventsPerSecond", Math.round(gameEvents / directSeconds))
                    .detail("writes", "the projection appending to each table's WAL through the engine in this JVM"));
            workloads.add(Workload.of("questdb.lag", "ms", round3(lag.getMean() / 1e6))
                    .percentiles(round3(lag.getValueAtPercentile(50) / 1e6), round3(lag.getValueAtPercentile(99) / 1e6))
                    .detail("batches", lag.getTotalCount()).detail("max", round3(lag.getMaxValue() / 1e6))
                    .detail("valueIs", "mean")
                    .detail("measure", "end of a projection batch's commit (last table flush) until wal_tables() "
                            + "shows writerTxn = sequencerTxn for all five game tables"));
            List<String> notes = new ArrayList<>();
            notes.add(String.format(Locale.ROOT, "%,d simulated games, %,d game-stream events in batches of %,d, "
                    + "embedded QuestDB (2 shared workers) in the same JVM", sim.games(), gameEvents, BATCH));
            notes.add("questdb.rows: both sides flush once per table per batch over ILP/HTTP; the projection also "
                    + "dispatches through Axon's handler adapter, reads/writes its game context in H2 and commits an H2 "
                    + "transaction; questdb.rows.direct: the same projection committing once per table per batch to the "
                    + "tables' WAL in this JVM, as the platform's embedded mode does");
            Results results = new Results(machine, "timeseries", startedAt.toString(),
                    Math.round((System.nanoTime() - t0) / 1e8) / 10.0, "TimeSeriesBench " + String.join(" ", args),
                    workloads, notes);
            results.writeTo(out);
            System.out.println(ResultsTable.render(results));
        } finally {
            server.close();
        }
    }

    private static boolean isGame(DomainEventMessage<?> m) {
        return m.getPayload() instanceof dev.ante.domain.game.GameEvent;
    }

    private static double runProjection(QuestDb questDb, JdbcTemplate jdbc, DataSourceTransactionManager tm,
                                        List<List<DomainEventMessage<?>>> batches) {
        GameSeriesProjection projection = new GameSeriesProjection(jdbc, questDb);
        ProjectionFeeder feeder = new ProjectionFeeder(tm, BATCH, projection);
        try {
            long start = System.nanoTime();
            for (List<DomainEventMessage<?>> b : batches) {
                feeder.add(b);
                feeder.flush();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            projection.close();
        }
    }

    private static double runRaw(QuestDb questDb, List<List<DomainEventMessage<?>>> batches, long... rowsSent) {
        try (Sender sender = questDb.newSender()) {
            RawSeriesWriter writer = new RawSeriesWriter(sender);
            long start = System.nanoTime();
            for (List<DomainEventMessage<?>> b : batches) {
                writer.write(b);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (rowsSent.length > 0) {
                rowsSent[0] = writer.rows();
            }
            return seconds;
        }
    }

    private static void truncate(QuestDb questDb, JdbcTemplate jdbc, List<String> tables) throws Exception {
        questDb.awaitApplied(tables, Duration.ofMinutes(2));
        try (Connection c = questDb.admin(); Statement st = c.createStatement()) {
            for (String table : tables) {
                st.execute("TRUNCATE TABLE " + table);
            }
        }
        questDb.awaitApplied(tables, Duration.ofMinutes(2));
        jdbc.update("DELETE FROM ts_game_context");
    }

    private static long countRows(QuestDb questDb, List<String> tables) throws Exception {
        long rows = 0;
        for (String table : tables) {
            rows += questDb.count(table, Duration.ofMinutes(5));
        }
        return rows;
    }

    private static boolean applied(Statement st, List<String> tables) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT name, writerTxn, sequencerTxn FROM wal_tables()")) {
            while (rs.next()) {
                if (tables.contains(rs.getString(1)) && rs.getLong(2) < rs.getLong(3)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }


    private TimeSeriesBench() {
    }
}
