package dev.ante.api.read;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The processors behind the read models and time series: UP while every one of them handles its events;
 * {@value #DEGRADED} while any has parked events as dead letters or keeps failing its batches. The
 * platform still ingests and answers then, but some read model or table misses events.
 */
@Component("projections")
public class ProjectionHealthIndicator implements HealthIndicator {

    /** Answering, but not everything is processed: parked events, failing batches, a damaged table. */
    public static final String DEGRADED = "DEGRADED";

    private final ProjectionStatus projections;

    public ProjectionHealthIndicator(ProjectionStatus projections) {
        this.projections = projections;
    }

    @Override
    public Health health() {
        boolean degraded = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (ProjectionStatus.Item item : projections.all()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("position", item.position());
            detail.put("lag", item.lag());
            if (item.deadLetters() > 0) {
                detail.put("deadLetters", item.deadLetters());
                degraded = true;
            }
            if (item.error() != null) {
                detail.put("error", item.error());
                degraded = true;
            }
            details.put(item.name(), detail);
        }
        return Health.status(degraded ? new Status(DEGRADED) : Status.UP).withDetails(details).build();
    }
}
