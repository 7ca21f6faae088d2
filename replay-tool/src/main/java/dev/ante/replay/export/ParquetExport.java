package dev.ante.replay.export;

import dev.ante.infra.codec.EventCodec;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.replay.ReplayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes games as Parquet files. Events are staged as they are read into a DuckDB database in a hidden directory
 * of the output (on disk, so a log larger than memory spills there); the selected games and their flat tables are
 * then written with DuckDB's Parquet writer, read back once to count their rows, and moved into the output. A
 * failure leaves the output without any of them.
 */
public final class ParquetExport implements AutoCloseable {

    /** The files written, in order, each a query over {@code ev} (staged events) and {@code games} (selected). */
    static final Map<String, String> FILES = files();

    private static final String GAME_STREAM_PREFIX = "game-";

    private final Path output;
    private final Path partial;
    private final Connection connection;
    private final DuckDBAppender appender;
    private final EventCodec codec;
    private long staged;

    /** A new export into {@code output}, which must be absent or an empty directory. */
    public ParquetExport(Path output, EventCodec codec) {
        this.output = output;
        this.codec = codec;
        try {
            Files.createDirectories(output);
            try (Stream<Path> entries = Files.list(output)) {
                if (entries.findAny().isPresent()) {
                    throw new ReplayException("the output directory " + output + " is not empty; name a new or "
                            + "empty directory");
                }
            }
            partial = Files.createDirectory(output.resolve(".export-partial"));
        } catch (IOException e) {
            throw new ReplayException("cannot write to " + output + ": " + e.getMessage(), e);
        }
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:" + partial.resolve("stage.duckdb").toAbsolutePath());
            try (Statement st = connection.createStatement()) {
                // Everything it needs is built into the driver: never reach for the network.
                st.execute("SET autoinstall_known_extensions = false");
                st.execute("SET autoload_known_extensions = false");
                st.execute("SET TimeZone = 'UTC'");
                st.execute("SET memory_limit = '1GB'");
                st.execute("SET temp_directory = '" + sqlString(partial.resolve("spill").toAbsolutePath()) + "'");
                st.execute("CREATE TABLE raw (game_id VARCHAR, revision BIGINT, position BIGINT, event_id VARCHAR, "
                        + "type VARCHAR, occurred_us BIGINT, recorded_us BIGINT, data VARCHAR)");
            }
            appender = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "raw");
        } catch (SQLException e) {
            deletePartial();
            throw new ReplayException("cannot start the export's staging database: " + e.getMessage(), e);
        }
    }

    /** Stages one event of a game stream; events of other streams are ignored. */
    public void stage(RecordedEvent event) {
        if (!event.stream().startsWith(GAME_STREAM_PREFIX)) {
            return;
        }
        try {
            appender.beginRow();
            appender.append(event.stream().substring(GAME_STREAM_PREFIX.length()));
            appender.append(event.revision());
            appender.append(event.position());
            appender.append(event.eventId().toString());
            appender.append(event.type());
            appender.append(micros(codec.occurredAt(event)));
            appender.append(micros(event.recordedAt()));
            appender.append(new String(event.data(), StandardCharsets.UTF_8));
            appender.endRow();
            staged++;
        } catch (SQLException e) {
            throw new ReplayException("cannot stage event " + event.eventId() + " of " + event.stream() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Events staged so far. */
    public long staged() {
        return staged;
    }

    /**
     * Selects the games that pass {@code filter}, writes every file, and moves them into the output.
     *
     * @param written called before each file is written, with its name and its number from 1
     * @return each file's name and row count, in the order written
     */
    public Map<String, Long> write(GameFilter filter, FileListener written) {
        Map<String, Long> rows = new LinkedHashMap<>();
        try {
            appender.close();
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE TABLE ev AS SELECT game_id, revision, position, event_id, type, "
                        + "make_timestamp(occurred_us)::TIMESTAMPTZ AS occurred_at, "
                        + "make_timestamp(recorded_us)::TIMESTAMPTZ AS recorded_at, data, TRY_CAST(data AS JSON) AS j "
                        + "FROM raw");
                st.execute("DROP TABLE raw");
            }
            List<Object> parameters = new ArrayList<>();
            String where = filter.where(parameters);
            try (PreparedStatement games = connection.prepareStatement(GAMES + where)) {
                for (int i = 0; i < parameters.size(); i++) {
                    games.setObject(i + 1, parameters.get(i));
                }
                games.execute();
            }
            int n = 0;
            try (Statement st = connection.createStatement()) {
                for (Map.Entry<String, String> file : FILES.entrySet()) {
                    written.writing(file.getKey(), ++n, FILES.size());
                    Path path = partial.resolve(file.getKey()).toAbsolutePath();
                    st.execute("COPY (" + file.getValue() + ") TO '" + sqlString(path)
                            + "' (FORMAT PARQUET, COMPRESSION ZSTD)");
                    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + sqlString(path) + "')")) {
                        rs.next();
                        rows.put(file.getKey(), rs.getLong(1));
                    }
                }
            }
            connection.close();
            for (String file : FILES.keySet()) {
                Files.move(partial.resolve(file), output.resolve(file), StandardCopyOption.ATOMIC_MOVE);
            }
            return rows;
        } catch (SQLException e) {
            throw new ReplayException("the export failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ReplayException("cannot write to " + output + ": " + e.getMessage(), e);
        }
    }

    /** Closes the staging database and removes it, with anything not yet moved into the output. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing after a failure: the directory goes anyway
        }
        deletePartial();
    }

    private void deletePartial() {
        if (!Files.exists(partial)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(partial)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new ReplayException("cannot remove the export's staging directory " + partial + ": " + e.getMessage());
        }
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static String sqlString(Path path) {
        return path.toString().replace("'", "''");
    }

    /** Told before each file is written. */
    @FunctionalInterface
    public interface FileListener {
        void writing(String file, int number, int of);
    }

    // One row per game that has a GameStarted; its outcome from its first GameCompleted, ACTIVE without one.
    private static final String GAMES = """
            CREATE TABLE games AS
            SELECT s.game_id,
                   s.j->>'$.agentId' AS agent_id,
                   s.j->>'$.strategyId' AS strategy_id,
                   s.j->>'$.modelVersion' AS model_version,
                   s.j->>'$.deck' AS deck,
                   s.j->>'$.stake' AS stake,
                   s.j->>'$.seed' AS seed,
                   TRY_CAST(s.j->>'$.startingMoney' AS INTEGER) AS starting_money,
                   s.occurred_at AS started_at,
                   c.occurred_at AS completed_at,
                   COALESCE(c.j->>'$.outcome', 'ACTIVE') AS outcome,
                   TRY_CAST(c.j->>'$.finalAnte' AS INTEGER) AS final_ante,
                   TRY_CAST(c.j->>'$.finalMoney' AS INTEGER) AS final_money,
                   TRY_CAST(c.j->>'$.bestHandScore' AS BIGINT) AS best_hand_score,
                   TRY_CAST(c.j->'$.jokers' AS VARCHAR[]) AS final_jokers
            FROM (SELECT * FROM ev WHERE type = 'GameStarted'
                  QUALIFY row_number() OVER (PARTITION BY game_id ORDER BY revision) = 1) s
            LEFT JOIN (SELECT * FROM ev WHERE type = 'GameCompleted'
                  QUALIFY row_number() OVER (PARTITION BY game_id ORDER BY revision) = 1) c USING (game_id)
            """;

    private static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        String keys = "e.game_id, e.revision, e.occurred_at, g.agent_id, g.strategy_id, ";
        String from = " FROM ev e JOIN games g USING (game_id) WHERE e.type = ";
        String order = " ORDER BY e.game_id, e.revision";
        files.put("outcomes.parquet", """
                SELECT g.*, (SELECT count(*) FROM ev WHERE ev.game_id = g.game_id) AS events
                FROM games g ORDER BY g.started_at, g.game_id""");
        files.put("events.parquet", "SELECT e.game_id, e.revision, e.position, e.event_id, e.type, e.occurred_at, "
                + "e.recorded_at, e.data FROM ev e JOIN games g USING (game_id)" + order);
        files.put("hands.parquet", "SELECT " + keys + """
                TRY_CAST(e.j->>'$.ante' AS INTEGER) AS ante,
                e.j->>'$.blindType' AS blind_type,
                TRY_CAST(e.j->>'$.handNumber' AS INTEGER) AS hand_number,
                e.j->>'$.handType' AS hand_type,
                TRY_CAST(e.j->'$.cards' AS VARCHAR[]) AS cards,
                TRY_CAST(e.j->'$.jokers' AS VARCHAR[]) AS jokers,
                TRY_CAST(e.j->>'$.baseChips' AS BIGINT) AS base_chips,
                TRY_CAST(e.j->>'$.baseMult' AS DOUBLE) AS base_mult,
                TRY_CAST(e.j->'$.jokerEffects' AS STRUCT(joker VARCHAR, effect VARCHAR, value DOUBLE)[])
                    AS joker_effects,
                TRY_CAST(e.j->>'$.finalChips' AS BIGINT) AS final_chips,
                TRY_CAST(e.j->>'$.finalMult' AS DOUBLE) AS final_mult,
                TRY_CAST(e.j->>'$.finalScore' AS BIGINT) AS final_score,
                TRY_CAST(e.j->>'$.moneyBefore' AS INTEGER) AS money_before,
                TRY_CAST(e.j->>'$.moneyAfter' AS INTEGER) AS money_after,
                TRY_CAST(e.j->>'$.timeToDecisionMs' AS INTEGER) AS time_to_decision_ms""" + from + "'HandPlayed'" + order);
        files.put("decisions.parquet", "SELECT " + keys + """
                TRY_CAST(e.j->>'$.ante' AS INTEGER) AS ante,
                e.j->>'$.phase' AS phase,
                e.j->>'$.decisionType' AS decision_type,
                TRY_CAST(e.j->'$.optionsAvailable' AS VARCHAR[]) AS options_available,
                e.j->>'$.optionSelected' AS option_selected,
                TRY_CAST(e.j->>'$.confidence' AS DOUBLE) AS confidence,
                TRY_CAST(e.j->>'$.usedLlm' AS BOOLEAN) AS used_llm,
                e.j->>'$.contextHash' AS context_hash,
                TRY_CAST(e.j->>'$.timeToDecisionMs' AS INTEGER) AS time_to_decision_ms""" + from + "'DecisionMade'"
                + order);
        files.put("shops.parquet", "SELECT " + keys + """
                TRY_CAST(e.j->>'$.ante' AS INTEGER) AS ante,
                TRY_CAST(e.j->>'$.money' AS INTEGER) AS money,
                TRY_CAST(e.j->>'$.rerollCost' AS INTEGER) AS reroll_cost,
                TRY_CAST(e.j->'$.items' AS STRUCT(slot INTEGER, "itemType" VARCHAR, name VARCHAR, cost INTEGER)[])
                    AS items""" + from + "'ShopEntered'" + order);
        files.put("shop_actions.parquet", "SELECT " + keys + """
                TRY_CAST(e.j->>'$.ante' AS INTEGER) AS ante,
                CASE e.type WHEN 'ItemPurchased' THEN 'PURCHASE' WHEN 'JokerSold' THEN 'SELL' ELSE 'REROLL' END
                    AS action,
                CASE e.type WHEN 'ItemPurchased' THEN e.j->>'$.itemType' WHEN 'JokerSold' THEN 'JOKER' END
                    AS item_type,
                e.j->>'$.name' AS name,
                TRY_CAST(CASE e.type WHEN 'JokerSold' THEN e.j->>'$.sellValue' ELSE e.j->>'$.cost' END AS INTEGER)
                    AS amount,
                TRY_CAST(e.j->>'$.moneyAfter' AS INTEGER) AS money_after
                FROM ev e JOIN games g USING (game_id)
                WHERE e.type IN ('ItemPurchased', 'JokerSold', 'ShopRerolled')""" + order);
        return Collections.unmodifiableMap(files);
    }
}
