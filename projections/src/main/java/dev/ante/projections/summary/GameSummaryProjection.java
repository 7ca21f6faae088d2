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
import dev.ante.projections.support.Upserts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 */
@Component
@ProcessingGroup(ProjectionNames.GAME_SUMMARIES)
public class GameSummaryProjection {

    private static final String SELECT = "SELECT * FROM game_summary WHERE game_id";
    private static final String INSERT = "INSERT INTO game_summary (agent_id, strategy_id, deck, stake, seed, status, "
            + "ante, blind_type, phase, money, hands_played, best_hand_score, started_at, completed_at, revision, "
            + "game_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
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

    public GameSummaryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One event of the batch, kept until the flush has loaded the game's row. */
    private record Change(GameEvent event, Instant occurredAt) {
    }

    @EventHandler
    void on(GameEvent event, @SourceId String stream, @Timestamp Instant occurredAt) {
        Map<String, List<Change>> batch =
                ReadModelBatch.current(this, jdbc.getDataSource(), LinkedHashMap::new, this::flush);
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
        Map<String, Row> stored = new HashMap<>();
        InChunks.query(jdbc, SELECT, batch.keySet(), (rs, i) -> stored.put(rs.getString("game_id"), row(rs)));
        Upserts rows = new Upserts(INSERT, UPDATE);
        batch.forEach((gameId, changes) -> {
            Row row = stored.getOrDefault(gameId, new Row(gameId, false, GameState.initial(), null, null));
            for (Change change : changes) {
                row.state = row.state.evolve(change.event());
                if (row.state.revision() == 0) {
                    row.startedAt = Micros.of(change.occurredAt());
                }
                if (row.state.completed() && row.completedAt == null) {
                    row.completedAt = Micros.of(change.occurredAt());
                }
            }
            GameState s = row.state;
            Object[] values = {s.agentId(), s.strategyId(), s.deck(), s.stake(), s.seed(), s.status().name(), s.ante(),
                    s.blindType() == null ? null : s.blindType().name(), s.phase() == null ? null : s.phase().name(),
                    s.money(), s.handsPlayed(), s.bestHandScore(), row.startedAt, row.completedAt, s.revision(),
                    row.gameId};
            rows.row(row.stored, values);
        });
        rows.writeTo(jdbc);
    }
}
