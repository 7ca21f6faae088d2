package dev.ante.api.timeseries;

import dev.ante.api.read.ProjectionHealthIndicator;
import dev.ante.projections.timeseries.QuestDb;
import java.sql.SQLException;
import java.util.List;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * QuestDB is UP when it answers and every table Ante writes is there with the shape Ante gave it (WAL,
 * dedup keys, designated timestamp, columns); {@value ProjectionHealthIndicator#DEGRADED} when a table is
 * missing or altered, naming what is wrong (an ADMIN replay of the table's processor rebuilds it); DOWN
 * when it does not answer. The ingest API keeps accepting events meanwhile: the time-series processors
 * catch up once QuestDB is back.
 */
public class QuestDbHealthIndicator implements HealthIndicator {

    private final QuestDb questDb;

    public QuestDbHealthIndicator(QuestDb questDb) {
        this.questDb = questDb;
    }

    @Override
    public Health health() {
        if (!questDb.reachable()) {
            return Health.down().withDetail("reason", "QuestDB does not answer").build();
        }
        try {
            List<String> problems = questDb.schemaProblems();
            if (problems.isEmpty()) {
                return Health.up().build();
            }
            return Health.status(new Status(ProjectionHealthIndicator.DEGRADED)).withDetail("tables", problems)
                    .withDetail("repair", "replay the processor writing the table (questdb-games or questdb-learning)")
                    .build();
        } catch (SQLException e) {
            return Health.down().withDetail("reason", "the schema check failed: " + e.getMessage()).build();
        }
    }
}
