package dev.ante.api.config;

import dev.ante.infra.store.StreamStore;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** The event store is UP when it answers a head-position read. */
@Component("eventStore")
public class StoreHealthIndicator implements HealthIndicator {

    private final StreamStore store;

    public StoreHealthIndicator(StreamStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        try {
            return Health.up().withDetail("headPosition", store.headPosition())
                    .withDetail("backend", store.getClass().getSimpleName()).build();
        } catch (RuntimeException e) {
            return Health.down(e).build();
        }
    }
}
