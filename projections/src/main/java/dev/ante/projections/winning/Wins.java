package dev.ante.projections.winning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.projections.support.Micros;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Queries winning games (furthest and best first) and winning builds (most wins first). */
@Component
public class Wins {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper = new ObjectMapper();

    public Wins(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<WinningGame> games(String strategyId, String deck, String stake, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM winning_game WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (strategyId != null) {
            sql.append(" AND strategy_id = ?");
            args.add(strategyId);
        }
        if (deck != null) {
            sql.append(" AND deck = ?");
            args.add(deck);
        }
        if (stake != null) {
            sql.append(" AND stake = ?");
            args.add(stake);
        }
        sql.append(" ORDER BY final_ante DESC, best_hand_score DESC, game_id LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, i) -> new WinningGame(rs.getString("game_id"), rs.getString("agent_id"),
                rs.getString("strategy_id"), rs.getString("deck"), rs.getString("stake"), rs.getInt("final_ante"),
                rs.getLong("best_hand_score"), strings(rs.getString("jokers")),
                Micros.toInstant(rs.getLong("completed_at"))), args.toArray());
    }

    public List<WinningBuild> builds(long minWins, int limit) {
        return jdbc.query("SELECT * FROM winning_build WHERE wins >= ? ORDER BY wins DESC, avg_final_ante DESC, "
                        + "build_key LIMIT ?",
                (rs, i) -> new WinningBuild(rs.getString("build_key"), strings(rs.getString("jokers")),
                        rs.getLong("wins"), rs.getDouble("avg_final_ante")), minWins, limit);
    }

    private List<String> strings(String json) {
        try {
            return mapper.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored jokers are not a JSON array", e);
        }
    }
}
