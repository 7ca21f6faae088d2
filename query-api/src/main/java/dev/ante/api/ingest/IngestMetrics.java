package dev.ante.api.ingest;

import dev.ante.domain.AppendOutcome;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.catalog.EventCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What the write API records, as meters: events appended by category and type, duplicates skipped, and
 * events per accepted batch. Requests, their latency and rejections are {@link IngestRequestMetrics}'.
 */
@Component
public class IngestMetrics {

    private final MeterRegistry meters;
    /** Per category, per event class: looked up without building a key per event. */
    private final Map<String, Map<Class<?>, Counter>> appended = new ConcurrentHashMap<>();
    private final Map<String, Counter> duplicates = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> batches = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** One accepted batch of {@code category} ({@code game}, {@code strategy}, {@code learning}). */
    public void accepted(String category, List<? extends IncomingEvent<?>> events, AppendOutcome outcome) {
        Set<Integer> skipped = outcome.duplicateIndexes().isEmpty() ? Set.of() : new HashSet<>(outcome.duplicateIndexes());
        Map<Class<?>, Counter> byType = appended.computeIfAbsent(category, c -> new ConcurrentHashMap<>());
        for (int i = 0; i < events.size(); i++) {
            if (!skipped.contains(i)) {
                byType.computeIfAbsent(events.get(i).data().getClass(), type -> Counter.builder("ante.events.appended")
                        .description("Events appended to the log").tag("category", category)
                        .tag("type", EventCatalog.nameOf(type)).register(meters)).increment();
            }
        }
        if (outcome.duplicates() > 0) {
            duplicates.computeIfAbsent(category, k -> Counter.builder("ante.events.duplicates")
                    .description("Events sent again and skipped: their eventId was already recorded with the same content")
                    .tag("category", category).register(meters)).increment(outcome.duplicates());
        }
        batches.computeIfAbsent(category, k -> DistributionSummary.builder("ante.ingest.batch.events")
                .description("Events per accepted batch").baseUnit("events").tag("category", category)
                .register(meters)).record(events.size());
    }
}
