package dev.ante.projections.antes;

import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.Outcome;
import dev.ante.projections.ProjectionNames;
import dev.ante.projections.support.ReadModelBatch;
import dev.ante.projections.support.InChunks;
import dev.ante.projections.support.Upserts;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts completed (WIN/LOSS) games by final ante; {@code reached(a)} is then the sum over final antes
 * of at least {@code a}, computed when read.
 */
@Component
@ProcessingGroup(ProjectionNames.ANTE_STATS)
public class AnteStatsProjection {

    private static final class Counts {
        long completed;
        long lost;
    }

    private final JdbcTemplate jdbc;

    public AnteStatsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(GameCompleted completed) {
        if (completed.outcome() == Outcome.ABANDONED) {
            return;
        }
        Map<Integer, Counts> batch = ReadModelBatch.current(this, jdbc.getDataSource(), TreeMap::new, this::flush);
        Counts counts = batch.computeIfAbsent(completed.finalAnte(), a -> new Counts());
        counts.completed++;
        if (completed.outcome() == Outcome.LOSS) {
            counts.lost++;
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM ante_outcome");
    }

    private void flush(Map<Integer, Counts> batch) {
        Set<Integer> stored = new HashSet<>();
        InChunks.query(jdbc, "SELECT final_ante FROM ante_outcome WHERE final_ante", batch.keySet(),
                (rs, i) -> stored.add(rs.getInt("final_ante")));
        Upserts rows = new Upserts("INSERT INTO ante_outcome (completed, lost, final_ante) VALUES (?, ?, ?)",
                "UPDATE ante_outcome SET completed = completed + ?, lost = lost + ? WHERE final_ante = ?");
        batch.forEach((ante, counts) -> rows.row(stored.contains(ante), counts.completed, counts.lost, ante));
        rows.writeTo(jdbc);
    }
}
