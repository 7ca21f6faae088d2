package dev.ante.projections.antes;

import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.Outcome;
import dev.ante.projections.ProjectionNames;
import dev.ante.projections.support.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        Map<Integer, Counts> batch = Batch.current(this, TreeMap::new, this::flush);
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
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        batch.forEach((ante, counts) -> {
            boolean stored = !jdbc.queryForList("SELECT final_ante FROM ante_outcome WHERE final_ante = ?",
                    Integer.class, ante).isEmpty();
            if (stored) {
                updates.add(new Object[] {counts.completed, counts.lost, ante});
            } else {
                inserts.add(new Object[] {ante, counts.completed, counts.lost});
            }
        });
        if (!updates.isEmpty()) {
            jdbc.batchUpdate("UPDATE ante_outcome SET completed = completed + ?, lost = lost + ? WHERE final_ante = ?",
                    updates);
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO ante_outcome (final_ante, completed, lost) VALUES (?, ?, ?)", inserts);
        }
    }
}
