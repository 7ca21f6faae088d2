package dev.ante.projections.synergy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Queries the joker synergies; sort keys map to fixed ORDER BY clauses and every value is bound. */
@Component
public class Synergies {

    /** The sort keys the API accepts, best first. */
    public enum Sort {
        WIN_RATE("winRate", "win_rate DESC NULLS LAST, wilson DESC, size, joker_key"),
        WILSON("wilson", "wilson DESC, win_rate DESC NULLS LAST, size, joker_key"),
        AVG_SCORE("avgScore", "avg_score DESC, size, joker_key"),
        GAMES("games", "games DESC, size, joker_key"),
        HANDS("hands", "hands DESC, size, joker_key");

        private final String label;
        private final String orderBy;

        Sort(String label, String orderBy) {
            this.label = label;
            this.orderBy = orderBy;
        }

        public String label() {
            return label;
        }

        private static final Map<String, Sort> BY_LABEL = Map.of("winRate", WIN_RATE, "wilson", WILSON,
                "avgScore", AVG_SCORE, "games", GAMES, "hands", HANDS);

        public static java.util.Optional<Sort> of(String label) {
            return java.util.Optional.ofNullable(BY_LABEL.get(label));
        }

        public static String labels() {
            return String.join(", ", Arrays.stream(values()).map(Sort::label).toList());
        }
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<List<String>> STRINGS =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    private final JdbcTemplate jdbc;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();

    public Synergies(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Synergy> top(SynergySize size, long minGames, Sort sort, int limit) {
        return jdbc.query("SELECT * FROM synergy WHERE size = ? AND games >= ? ORDER BY " + sort.orderBy + " LIMIT ?",
                (rs, i) -> synergy(rs), size.name(), minGames, limit);
    }

    private List<String> jokers(String json) {
        try {
            return mapper.readValue(json, STRINGS);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored synergy jokers are not a JSON array", e);
        }
    }

    private Synergy synergy(ResultSet rs) throws SQLException {
        String key = rs.getString("joker_key");
        double winRate = rs.getDouble("win_rate");
        Double rate = rs.wasNull() ? null : winRate;
        return new Synergy(key, jokers(rs.getString("jokers")), rs.getLong("hands"), rs.getDouble("avg_score"),
                rs.getLong("high_score_hands"), rs.getLong("games"), rs.getLong("wins"), rs.getLong("losses"), rate,
                rs.getDouble("wilson"));
    }

}
