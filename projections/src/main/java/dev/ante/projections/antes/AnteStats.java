package dev.ante.projections.antes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the ante stats: one entry per ante from 1 to the highest final ante of a completed game. */
@Component
public class AnteStats {

    private final JdbcTemplate jdbc;

    public AnteStats(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<AnteStat> all() {
        Map<Integer, long[]> byAnte = new TreeMap<>();
        jdbc.query("SELECT final_ante, completed, lost FROM ante_outcome", rs -> {
            byAnte.put(rs.getInt("final_ante"), new long[] {rs.getLong("completed"), rs.getLong("lost")});
        });
        if (byAnte.isEmpty()) {
            return List.of();
        }
        int top = ((TreeMap<Integer, long[]>) byAnte).lastKey();
        List<AnteStat> stats = new ArrayList<>();
        long reached = 0;
        for (int ante = top; ante >= 1; ante--) {
            long[] counts = byAnte.getOrDefault(ante, new long[2]);
            reached += counts[0];
            stats.add(0, new AnteStat(ante, reached, counts[1]));
        }
        return stats;
    }
}
