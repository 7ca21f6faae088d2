package dev.ante.projections.strategies;

import dev.ante.projections.support.Proportions;
import dev.ante.projections.support.Wilson;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Compares two strategies' win rates over their won and lost games in the game summaries: as independent
 * samples, or paired by seed (docs/read-models.md, "Comparing two strategies").
 */
@Component
public class StrategyComparisons {

    static final String UNPAIRED = "two-proportion z-test (pooled); Newcombe hybrid score interval";
    static final String PAIRED = "McNemar exact test on the seeds both completed; Newcombe paired score interval";

    private final JdbcTemplate jdbc;

    public StrategyComparisons(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public StrategyComparison compare(String a, String b, boolean pairedBySeed) {
        return pairedBySeed ? paired(a, b) : unpaired(a, b);
    }

    private StrategyComparison unpaired(String a, String b) {
        Map<String, long[]> record = new HashMap<>();
        jdbc.query("SELECT strategy_id, SUM(CASE WHEN status = 'WON' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN status = 'LOST' THEN 1 ELSE 0 END) FROM game_summary"
                        + " WHERE strategy_id IN (?, ?) GROUP BY strategy_id",
                rs -> {
                    record.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }, a, b);
        long[] ra = record.getOrDefault(a, new long[2]);
        long[] rb = record.getOrDefault(b, new long[2]);
        StrategyComparison.Side sa = side(a, ra[0], ra[1]);
        StrategyComparison.Side sb = side(b, rb[0], rb[1]);
        if (sa.games() == 0 || sb.games() == 0) {
            return new StrategyComparison(sa, sb, null, null, null, UNPAIRED, null);
        }
        double[] ci = Proportions.newcombe(sa.wins(), sa.games(), sb.wins(), sb.games());
        return new StrategyComparison(sa, sb, sa.winRate() - sb.winRate(), List.of(ci[0], ci[1]),
                Proportions.zTestPValue(sa.wins(), sa.games(), sb.wins(), sb.games()), UNPAIRED, null);
    }

    private StrategyComparison paired(String a, String b) {
        // Each strategy's first completed game per seed: the earliest completion, then the smaller game id.
        Map<String, Boolean> wonA = new HashMap<>();
        Map<String, Boolean> wonB = new HashMap<>();
        jdbc.query("SELECT strategy_id, seed, status FROM game_summary WHERE strategy_id IN (?, ?)"
                        + " AND status IN ('WON', 'LOST') AND seed IS NOT NULL ORDER BY completed_at, game_id",
                rs -> {
                    Map<String, Boolean> first = a.equals(rs.getString(1)) ? wonA : wonB;
                    first.putIfAbsent(rs.getString(2), "WON".equals(rs.getString(3)));
                    if (a.equals(b)) {
                        wonB.putIfAbsent(rs.getString(2), "WON".equals(rs.getString(3)));
                    }
                }, a, b);
        long both = 0;
        long onlyA = 0;
        long onlyB = 0;
        long neither = 0;
        for (Map.Entry<String, Boolean> e : wonA.entrySet()) {
            Boolean other = wonB.get(e.getKey());
            if (other == null) {
                continue;
            }
            if (e.getValue() && other) {
                both++;
            } else if (e.getValue()) {
                onlyA++;
            } else if (other) {
                onlyB++;
            } else {
                neither++;
            }
        }
        long pairs = both + onlyA + onlyB + neither;
        StrategyComparison.Side sa = side(a, both + onlyA, onlyB + neither);
        StrategyComparison.Side sb = side(b, both + onlyB, onlyA + neither);
        if (pairs == 0) {
            return new StrategyComparison(sa, sb, null, null, null, PAIRED, 0L);
        }
        double[] ci = Proportions.newcombePaired(both, onlyA, onlyB, neither);
        return new StrategyComparison(sa, sb, (double) (onlyA - onlyB) / pairs, List.of(ci[0], ci[1]),
                Proportions.mcNemarExact(onlyA, onlyB), PAIRED, pairs);
    }

    private static StrategyComparison.Side side(String strategyId, long wins, long losses) {
        return new StrategyComparison.Side(strategyId, wins + losses, wins, losses, Wilson.winRate(wins, losses),
                Wilson.lowerBound(wins, losses));
    }
}
