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
        WIN_RATE("winRate", "win_rate DESC NULLS LAST, wilson DESC, key_hash"),
        WILSON("wilson", "wilson DESC, win_rate DESC NULLS LAST, key_hash"),
        AVG_SCORE("avgScore", "avg_score DESC, key_hash"),
        GAMES("games", "games DESC, key_hash"),
        HANDS("hands", "hands DESC, key_hash");

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

    /**
     * Up to this many keys passing minGames are read through synergy_by_games and sorted; more are read
     * in sort order through the sort key's index, skipping keys with fewer games.
     */
    static final int FEW_KEYS = 2_000;

    public List<Synergy> top(SynergySize size, long minGames, Sort sort, int limit) {
        // Both forms give the same order. Keys played in few games rank at both ends of most sorts (one lucky
        // hand, one won game), so with a selective minGames an ordered scan would skip most of the table
        // before it found its rows; reading the few qualifying keys and sorting them is then cheaper.
        if (sort != Sort.GAMES && minGames > 1 && fewKeys(size, minGames)) {
            return jdbc.query("SELECT * FROM synergy WHERE size = ? AND games >= ? ORDER BY " + sort.orderBy
                    + " LIMIT ?", (rs, i) -> synergy(rs), size.name(), minGames, limit);
        }
        // The ORDER BY starts with the equality-bound size so that it matches the sort key's index column for
        // column: H2 reads rows in index order, and stops after LIMIT, only when the ORDER BY is an index prefix.
        return jdbc.query("SELECT * FROM synergy WHERE size = ? AND games >= ? ORDER BY size, " + sort.orderBy
                + " LIMIT ?", (rs, i) -> synergy(rs), size.name(), minGames, limit);
    }

    /** Whether at most {@link #FEW_KEYS} keys of the size pass minGames; counts at most one more than that. */
    private boolean fewKeys(SynergySize size, long minGames) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT key_hash FROM synergy WHERE size = ? AND games >= ? "
                + "ORDER BY size, games DESC, key_hash LIMIT ?) k", Long.class, size.name(), minGames, FEW_KEYS + 1);
        return n != null && n <= FEW_KEYS;
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
