package dev.ante.api.timeseries;

import dev.ante.api.read.ProjectionStatus;
import dev.ante.projections.timeseries.GameSeriesProjection;
import dev.ante.projections.timeseries.LearningSeriesProjection;
import dev.ante.projections.timeseries.QuestDb;
import java.util.List;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * QuestDB is UP when it answers a query; the details show how far behind the log its processors are.
 * When it is DOWN the ingest API keeps accepting events: the processors catch up once it is back.
 */
public class QuestDbHealthIndicator implements HealthIndicator {

    private final QuestDb questDb;
    private final ProjectionStatus projections;

    public QuestDbHealthIndicator(QuestDb questDb, ProjectionStatus projections) {
        this.questDb = questDb;
        this.projections = projections;
    }

    @Override
    public Health health() {
        Health.Builder health = questDb.reachable() ? Health.up() : Health.down();
        health.withDetail("http", questDb.endpoint().httpAddress())
                .withDetail("pgwire", questDb.endpoint().host() + ":" + questDb.endpoint().pgPort());
        for (ProjectionStatus.Item item : projections.all()) {
            if (List.of(GameSeriesProjection.NAME, LearningSeriesProjection.NAME).contains(item.name())) {
                health.withDetail(item.name(), java.util.Map.of("position", item.position(), "lag", item.lag()));
            }
        }
        return health.build();
    }
}
