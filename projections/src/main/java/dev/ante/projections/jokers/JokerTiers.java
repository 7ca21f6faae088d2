package dev.ante.projections.jokers;

import dev.ante.projections.support.Wilson;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the joker tier list, filtered by games and sorted in the database. */
@Component
public class JokerTiers {

    /** Orders of the list; every one breaks ties by the joker's name. */
    public enum Sort {
        WILSON("wilson", WILSON_SQL + " DESC"),
        WIN_RATE("winRate", "CASE WHEN games = 0 THEN NULL ELSE wins * 1.0 / games END DESC NULLS LAST"),
        PICK_RATE("pickRate", "CASE WHEN offered = 0 THEN NULL ELSE bought * 1.0 / offered END DESC NULLS LAST"),
        GAMES("games", "games DESC"),
        OFFERED("offered", "offered DESC"),
        BOUGHT("bought", "bought DESC");

        private final String label;
        private final String order;

        Sort(String label, String order) {
            this.label = label;
            this.order = order;
        }

        public String label() {
            return label;
        }

        public static Optional<Sort> of(String label) {
            return Arrays.stream(values()).filter(s -> s.label.toLowerCase(Locale.ROOT)
                    .equals(label.toLowerCase(Locale.ROOT))).findFirst();
        }

        public static String labels() {
            return Arrays.stream(values()).map(Sort::label).collect(Collectors.joining(", "));
        }
    }

    // The Wilson lower bound in SQL, for ordering only; the values returned are computed by Wilson.
    private static final String WILSON_SQL = "CASE WHEN games = 0 OR wins = 0 THEN 0 ELSE"
            + " (wins * 1.0 / games + 1.9208 / games - 1.96 * SQRT((wins * 1.0 / games) * (1 - wins * 1.0 / games)"
            + " / games + 0.9604 / (games * games))) / (1 + 3.8416 / games) END";

    private final JdbcTemplate jdbc;

    public JokerTiers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<JokerTier> list(long minGames, Sort sort, int limit) {
        return jdbc.query("SELECT joker, offered, bought, sold, games, wins FROM joker_tier WHERE games >= ?"
                + " ORDER BY " + sort.order + ", joker LIMIT ?", (rs, i) -> {
                    long offered = rs.getLong("offered");
                    long bought = rs.getLong("bought");
                    long games = rs.getLong("games");
                    long wins = rs.getLong("wins");
                    return new JokerTier(rs.getString("joker"), offered, bought,
                            offered == 0 ? null : (double) bought / offered, rs.getLong("sold"), games, wins,
                            Wilson.winRate(wins, games - wins), Wilson.lowerBound(wins, games - wins));
                }, minGames, limit);
    }
}
