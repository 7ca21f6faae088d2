package dev.ante.projections.strategies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.projections.support.Averages;
import dev.ante.projections.support.Micros;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Queries the strategy leaderboard and strategy details; sort keys map to fixed ORDER BY clauses. */
@Component
public class Strategies {

    /** The sort keys the leaderboard accepts, best first. */
    public enum Sort {
        WILSON("wilson", "wilson DESC, win_rate DESC NULLS LAST, strategy_id"),
        WIN_RATE("winRate", "win_rate DESC NULLS LAST, wilson DESC, strategy_id"),
        GAMES("games", "games DESC, strategy_id"),
        COMPLETED("completed", "completed DESC, strategy_id"),
        AVG_FINAL_ANTE("avgFinalAnte", "CASE WHEN completed = 0 THEN NULL "
                + "ELSE CAST(final_ante_sum AS DOUBLE PRECISION) / completed END DESC NULLS LAST, strategy_id"),
        BEST_HAND_SCORE("bestHandScore", "best_hand_score DESC, strategy_id");

        private final String label;
        private final String orderBy;

        Sort(String label, String orderBy) {
            this.label = label;
            this.orderBy = orderBy;
        }

        public String label() {
            return label;
        }

        public static Optional<Sort> of(String label) {
            return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
        }

        public static String labels() {
            return String.join(", ", Arrays.stream(values()).map(Sort::label).toList());
        }
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper = new ObjectMapper();

    public Strategies(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<LeaderboardEntry> leaderboard(long minGames, Sort sort, int limit) {
        return jdbc.query("SELECT * FROM strategy_stats WHERE games >= ? AND games > 0 ORDER BY " + sort.orderBy
                + " LIMIT ?", (rs, i) -> entry(rs), minGames, limit);
    }

    public Optional<StrategyDetail> detail(String strategyId) {
        List<StrategyDetail> found = jdbc.query("SELECT * FROM strategy_stats WHERE strategy_id = ?", (rs, i) -> {
            Long registeredAt = Micros.nullableLong(rs, "registered_at");
            StrategyDetail.Registration registration = registeredAt == null ? null
                    : new StrategyDetail.Registration(rs.getString("name"), rs.getString("agent_id"),
                    rs.getString("registered_model_version"), json(rs.getString("parameters")),
                    Micros.toInstant(registeredAt));
            Long retiredAt = Micros.nullableLong(rs, "retired_at");
            StrategyDetail.Retirement retired = retiredAt == null ? null
                    : new StrategyDetail.Retirement(rs.getString("retired_reason"), Micros.toInstant(retiredAt));
            return new StrategyDetail(strategyId, registration, List.of(), List.of(), retired, entry(rs));
        }, strategyId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<StrategyDetail.Revision> revisions = jdbc.query(
                "SELECT * FROM strategy_revision WHERE strategy_id = ? ORDER BY revision",
                (rs, i) -> new StrategyDetail.Revision(rs.getLong("revision"), rs.getString("model_version"),
                        json(rs.getString("parameters")), rs.getString("reason"),
                        Micros.toInstant(rs.getLong("occurred_at"))), strategyId);
        List<StrategyDetail.Evaluation> evaluations = jdbc.query(
                "SELECT * FROM strategy_evaluation WHERE strategy_id = ? ORDER BY revision",
                (rs, i) -> new StrategyDetail.Evaluation(rs.getLong("revision"), rs.getInt("games_played"),
                        rs.getInt("wins"), rs.getDouble("avg_final_ante"), Micros.toInstant(rs.getLong("occurred_at"))),
                strategyId);
        StrategyDetail d = found.get(0);
        return Optional.of(new StrategyDetail(d.strategyId(), d.registration(), revisions, evaluations, d.retired(),
                d.stats()));
    }

    private static LeaderboardEntry entry(ResultSet rs) throws SQLException {
        long completed = rs.getLong("completed");
        double winRate = rs.getDouble("win_rate");
        Double rate = rs.wasNull() ? null : winRate;
        return new LeaderboardEntry(rs.getString("strategy_id"), rs.getString("name"), rs.getString("model_version"),
                rs.getLong("games"), completed, rs.getLong("wins"), rs.getLong("losses"), rate, rs.getDouble("wilson"),
                Averages.meanOrNull(rs.getLong("final_ante_sum"), completed), rs.getLong("best_hand_score"));
    }

    private JsonNode json(String text) {
        try {
            return text == null ? null : mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored strategy parameters are not JSON", e);
        }
    }

}
