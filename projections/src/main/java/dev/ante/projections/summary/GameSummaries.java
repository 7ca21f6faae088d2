package dev.ante.projections.summary;

import dev.ante.projections.support.Micros;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Pages through game summaries in game-id order, optionally filtered; every value is a bound parameter. */
@Component
public class GameSummaries {

    /** One page and the game id after which the next page starts (null on the last page). */
    public record Page(List<GameSummary> items, String nextAfter) {
    }

    private final JdbcTemplate jdbc;

    public GameSummaries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** How many games there are in each status (only statuses with games). */
    public java.util.Map<String, Long> countByStatus() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query("SELECT status, COUNT(*) FROM game_summary GROUP BY status",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    public Page list(String status, String strategyId, String agentId, String afterGameId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM game_summary WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status);
        }
        if (strategyId != null) {
            sql.append(" AND strategy_id = ?");
            args.add(strategyId);
        }
        if (agentId != null) {
            sql.append(" AND agent_id = ?");
            args.add(agentId);
        }
        if (afterGameId != null) {
            sql.append(" AND game_id > ?");
            args.add(afterGameId);
        }
        // Equality-bound columns lead the ORDER BY in the order of the index that serves the filter (V1, V3),
        // so that H2, like PostgreSQL, reads that index in order and stops after LIMIT rows; the rows come
        // out in game_id order either way.
        sql.append(" ORDER BY ");
        if (strategyId != null) {
            sql.append(status != null ? "strategy_id, status, " : "strategy_id, ");
        } else if (agentId != null) {
            sql.append(status != null ? "agent_id, status, " : "agent_id, ");
        } else if (status != null) {
            sql.append("status, ");
        }
        sql.append("game_id LIMIT ?");
        args.add(limit + 1);
        List<GameSummary> rows = jdbc.query(sql.toString(), (rs, i) -> summary(rs), args.toArray());
        if (rows.size() > limit) {
            List<GameSummary> page = rows.subList(0, limit);
            return new Page(List.copyOf(page), page.get(page.size() - 1).gameId());
        }
        return new Page(rows, null);
    }

    private static GameSummary summary(ResultSet rs) throws SQLException {
        return new GameSummary(rs.getString("game_id"), rs.getString("agent_id"), rs.getString("strategy_id"),
                rs.getString("deck"), rs.getString("stake"), rs.getString("status"),
                rs.getObject("ante", Integer.class), rs.getObject("money", Integer.class), rs.getInt("hands_played"),
                rs.getLong("best_hand_score"), Micros.toInstant(Micros.nullableLong(rs, "started_at")),
                Micros.toInstant(Micros.nullableLong(rs, "completed_at")), rs.getLong("revision"));
    }
}
