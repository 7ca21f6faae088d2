package dev.ante.projections.summary;

import dev.ante.domain.GameId;
import dev.ante.domain.game.BlindType;
import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.GameState;
import dev.ante.domain.game.GameStatus;
import dev.ante.domain.game.Phase;
import dev.ante.projections.ProjectionNames;
import dev.ante.projections.support.ReadModelBatch;
import dev.ante.projections.support.InChunks;
import dev.ante.projections.support.Micros;
import dev.ante.projections.support.ColumnLimits;
import dev.ante.projections.support.HeldWrites;
import dev.ante.projections.support.Upserts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.SourceId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps one summary row per game by running the domain's own {@link GameState} fold over the summary's
 * fields: the row is turned back into a (partial) state, evolved, and written back. A batch's events are
 * gathered per game and folded at the flush, after one multi-key query has loaded every row they touch.
 *
 * <p>Built for a rebuild ({@link #holding}), it keeps the folded rows of the games its units touch in memory,
 * up to a number of games, and writes them when the rebuild asks: a game's row is then written once or a few
 * times instead of once per unit its events fall in.
 */
@Component
@ProcessingGroup(ProjectionNames.GAME_SUMMARIES)
public class GameSummaryProjection implements HeldWrites {

    private static final String SELECT = "SELECT * FROM game_summary WHERE game_id";
    /** The columns in the order {@link #values} gives them. */
    private static final List<String> COLUMNS = List.of("agent_id", "strategy_id", "deck", "stake", "seed", "status",
            "ante", "blind_type", "phase", "money", "hands_played", "best_hand_score", "started_at", "completed_at",
            "revision", "game_id");
    private static final String INSERT = "INSERT INTO game_summary (" + String.join(", ", COLUMNS) + ") VALUES ("
            + String.join(", ", java.util.Collections.nCopies(COLUMNS.size(), "?")) + ")";
    private static final String UPDATE = "UPDATE game_summary SET agent_id = ?, strategy_id = ?, deck = ?, stake = ?, "
            + "seed = ?, status = ?, ante = ?, blind_type = ?, phase = ?, money = ?, hands_played = ?, "
            + "best_hand_score = ?, started_at = ?, completed_at = ?, revision = ? WHERE game_id = ?";

    private static final class Row {
        final String gameId;
        final boolean stored;
        GameState state;
        Long startedAt;
        Long completedAt;

        Row(String gameId, boolean stored, GameState state, Long startedAt, Long completedAt) {
            this.gameId = gameId;
            this.stored = stored;
            this.state = state;
            this.startedAt = startedAt;
            this.completedAt = completedAt;
        }
    }

    private final JdbcTemplate jdbc;
    /** Rows folded and not yet written, by game; null when each unit is written as it commits. */
    private final Map<String, Row> held;
    private final int heldGames;
    /** The games whose rows this projection has written while holding: a game held again is loaded. */
    private final Set<String> written = new HashSet<>();
    private boolean startedEmpty;
    private ColumnLimits limits;

    @org.springframework.beans.factory.annotation.Autowired
    public GameSummaryProjection(JdbcTemplate jdbc) {
        this(jdbc, 0);
    }

    private GameSummaryProjection(JdbcTemplate jdbc, int heldGames) {
        this.jdbc = jdbc;
        this.held = heldGames > 0 ? new LinkedHashMap<>() : null;
        this.heldGames = heldGames;
    }

    /**
     * A projection for a rebuild that holds the rows it folds in memory until {@link #writeHeld}, and reports
     * itself {@link #full} once it holds {@code heldGames} games. It starts on an empty table, as a rebuild's
     * shadow table is (it checks, before it holds its first unit): which games have a row it then knows from its
     * own writes.
     */
    public static GameSummaryProjection holding(JdbcTemplate jdbc, int heldGames) {
        if (heldGames < 1) {
            throw new IllegalArgumentException("heldGames must be positive");
        }
        return new GameSummaryProjection(jdbc, heldGames);
    }

    @Override
    public boolean full() {
        return held != null && held.size() >= heldGames;
    }

    @Override
    public void writeHeld() {
        if (held == null || held.isEmpty()) {
            return;
        }
        // In the order of the table's key, so that the write goes through its pages in order.
        Upserts rows = new Upserts(INSERT, UPDATE);
        held.keySet().stream().sorted().forEach(gameId -> {
            Row row = held.get(gameId);
            rows.row(row.stored, values(row));
        });
        rows.writeTo(jdbc);
        written.addAll(held.keySet());
        held.clear();
    }

    /** One event of the batch, kept until the flush has loaded the game's row. */
    private record Change(GameEvent event, Instant occurredAt) {
    }

    @EventHandler
    void on(GameEvent event, @SourceId String stream, @Timestamp Instant occurredAt) {
        Map<String, List<Change>> batch = ReadModelBatch.current(this, jdbc.getDataSource(), LinkedHashMap::new,
                held == null ? this::flush : this::hold);
        batch.computeIfAbsent(GameId.fromStreamName(stream).value(), g -> new ArrayList<>())
                .add(new Change(event, occurredAt));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM game_summary");
    }

    private static Row row(ResultSet rs) throws SQLException {
        String blind = rs.getString("blind_type");
        String phase = rs.getString("phase");
        GameState state = new GameState(GameStatus.valueOf(rs.getString("status")), rs.getLong("revision"),
                (Integer) rs.getObject("ante", Integer.class), blind == null ? null : BlindType.valueOf(blind),
                phase == null ? null : Phase.valueOf(phase), (Integer) rs.getObject("money", Integer.class), List.of(),
                rs.getInt("hands_played"), rs.getLong("best_hand_score"), new TreeMap<>(), null, null,
                rs.getString("agent_id"), rs.getString("strategy_id"), rs.getString("deck"), rs.getString("stake"),
                rs.getString("seed"));
        return new Row(rs.getString("game_id"), true, state, Micros.nullableLong(rs, "started_at"),
                Micros.nullableLong(rs, "completed_at"));
    }

    private void flush(Map<String, List<Change>> batch) {
        Map<String, Row> stored = load(batch.keySet());
        Upserts rows = new Upserts(INSERT, UPDATE);
        batch.forEach((gameId, changes) -> {
            Row row = stored.getOrDefault(gameId, new Row(gameId, false, GameState.initial(), null, null));
            fold(row, changes);
            rows.row(row.stored, values(row));
        });
        rows.writeTo(jdbc);
    }

    /**
     * Folds a unit into the held rows: all of it, or (when an event cannot be folded) none of it. What is held of
     * each game is what its row says, so a held game folds on exactly as one loaded from the table would.
     */
    private void hold(Map<String, List<Change>> batch) {
        if (!startedEmpty) {
            HeldWrites.requireEmpty(jdbc, "game_summary");
            startedEmpty = true;
            limits = ColumnLimits.of(jdbc, "game_summary");
        }
        List<String> toLoad = new ArrayList<>();
        for (String gameId : batch.keySet()) {
            if (!held.containsKey(gameId) && written.contains(gameId)) {
                toLoad.add(gameId);
            }
        }
        Map<String, Row> stored = toLoad.isEmpty() ? Map.of() : load(toLoad);
        Map<String, Row> folded = new LinkedHashMap<>();
        batch.forEach((gameId, changes) -> {
            Row before = held.get(gameId);
            if (before == null) {
                before = stored.getOrDefault(gameId, new Row(gameId, false, GameState.initial(), null, null));
            }
            Row row = new Row(gameId, before.stored, before.state, before.startedAt, before.completedAt);
            fold(row, changes);
            row.state = summaryOnly(row.state);
            Object[] values = values(row);
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof String text) {
                    limits.check(COLUMNS.get(i), text);
                }
            }
            folded.put(gameId, row);
        });
        held.putAll(folded);
    }

    private Map<String, Row> load(java.util.Collection<String> games) {
        Map<String, Row> stored = new HashMap<>();
        InChunks.query(jdbc, SELECT, games, (rs, i) -> stored.put(rs.getString("game_id"), row(rs)));
        return stored;
    }

    private static void fold(Row row, List<Change> changes) {
        for (Change change : changes) {
            row.state = row.state.evolve(change.event());
            if (row.state.revision() == 0) {
                row.startedAt = Micros.of(change.occurredAt());
            }
            if (row.state.completed() && row.completedAt == null) {
                row.completedAt = Micros.of(change.occurredAt());
            }
        }
    }

    private static Object[] values(Row row) {
        GameState s = row.state;
        return new Object[] {s.agentId(), s.strategyId(), s.deck(), s.stake(), s.seed(), s.status().name(), s.ante(),
                s.blindType() == null ? null : s.blindType().name(), s.phase() == null ? null : s.phase().name(),
                s.money(), s.handsPlayed(), s.bestHandScore(), row.startedAt, row.completedAt, s.revision(),
                row.gameId};
    }

    /**
     * The state with only what its summary row keeps, as {@link #row} reads it back: what is held of a game
     * between units, so that it folds on as a live batch's would after loading the row.
     */
    private static GameState summaryOnly(GameState s) {
        return new GameState(s.status(), s.revision(), s.ante(), s.blindType(), s.phase(), s.money(), List.of(),
                s.handsPlayed(), s.bestHandScore(), new TreeMap<>(), null, null, s.agentId(), s.strategyId(), s.deck(),
                s.stake(), s.seed());
    }
}
