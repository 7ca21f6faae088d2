package dev.ante.api.cluster;

import dev.ante.api.read.Rebuilds;
import dev.ante.api.read.TokenTable;
import dev.ante.projections.rebuild.ShadowRebuild;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Splits the event processors' segments between the Ante instances that share one read-model database.
 *
 * <p>Axon lets any instance claim any free segment, so the first instance to start would keep every
 * processor and a second one would only wait. Each instance therefore says every {@code interval} that it is
 * alive ({@code ante_instance}), counts the instances alive (seen within the token claim timeout), and while
 * it holds more segments than its share — all segments divided by the instances alive, rounded up — it
 * releases the excess for {@code releaseFor}: Axon stops processing them after the batch in hand, and an
 * instance with fewer claims takes them on its next claim attempt. When an instance dies its claims time out
 * and the others, whose share has grown, take them. A segment is only ever processed by the instance that
 * holds its claim, so each event is still counted once.
 *
 * <p>Segments whose read model this instance is rebuilding are never released: the rebuild's swap needs them.
 */
public final class ProcessorBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessorBalancer.class);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final TokenTable tokens;
    private final Rebuilds rebuilds;
    private final String instance;
    private final Duration interval;
    private final Duration liveness;
    private final Duration releaseFor;
    private final Clock clock;
    /** One segment of one processor. */
    private record Segment(String processor, int id) {
    }

    /** Segments this instance has released → until when (epoch ms) it does not count them as its own. */
    private final Map<Segment, Long> released = new HashMap<>();
    /** When rows of instances gone long ago were last cleared (epoch ms). */
    private long clearedAt;
    private ScheduledExecutorService timer;
    private volatile boolean running;

    /**
     * @param instance   this instance's name as a token owner
     * @param interval   how often it says it is alive and balances
     * @param liveness   how long an instance counts as alive after it last said so (the token claim timeout)
     * @param releaseFor how long a released segment is left to the other instances before this one may take
     *                   it back (if none has)
     */
    public ProcessorBalancer(JdbcTemplate jdbc, EventProcessingConfiguration processing, TokenTable tokens,
                             Rebuilds rebuilds, String instance, Duration interval, Duration liveness,
                             Duration releaseFor, Clock clock) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.tokens = tokens;
        this.rebuilds = rebuilds;
        this.instance = instance;
        this.interval = interval;
        this.liveness = liveness;
        this.releaseFor = releaseFor;
        this.clock = clock;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "processor-balancer");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::safely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (timer != null) {
            timer.shutdownNow();
        }
        try {
            // Gone at once rather than after the liveness window: the others' shares grow now.
            jdbc.update("DELETE FROM ante_instance WHERE instance_id = ?", instance);
        } catch (DataAccessException e) {
            log.debug("could not remove instance {} from ante_instance", instance, e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the processors have started, before they stop. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private void safely() {
        try {
            balance();
        } catch (RuntimeException e) {
            // The database may be briefly unreachable; the processors report that themselves.
            log.debug("balancing skipped", e);
        }
    }

    /** One round: say this instance is alive, then release what it holds beyond its share. */
    synchronized void balance() {
        long now = clock.millis();
        beat(now);
        long alive = countAlive(now);
        released.values().removeIf(until -> until <= now);

        Map<String, StreamingEventProcessor> processors = new HashMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                processors.put(name, streaming);
            }
        });
        int total = 0;
        for (String name : processors.keySet()) {
            total += Math.max(1, tokens.of(name).segments());
        }
        List<Segment> held = new ArrayList<>();
        processors.forEach((name, processor) -> {
            if (rebuilds.latest(name).filter(r -> r.state() == ShadowRebuild.State.RUNNING).isPresent()) {
                return;
            }
            for (Integer id : processor.processingStatus().keySet()) {
                Segment segment = new Segment(name, id);
                if (!released.containsKey(segment)) {
                    held.add(segment);
                }
            }
        });
        long share = (total + alive - 1) / Math.max(1, alive);
        long excess = held.size() - share;
        if (excess <= 0) {
            return;
        }
        // Release in a fixed order, so that two instances balancing at once give up different segments.
        held.sort(Comparator.comparing(Segment::processor).thenComparingInt(Segment::id));
        List<Segment> release = held.subList(held.size() - (int) excess, held.size());
        log.info("{} instances share {} processor segments, at most {} each: this instance ({}) hands {} to the others",
                alive, total, share, instance, release.stream().map(s -> s.processor() + "/" + s.id()).toList());
        for (Segment segment : release) {
            processors.get(segment.processor()).releaseSegment(segment.id(), releaseFor.toMillis(), TimeUnit.MILLISECONDS);
            released.put(segment, now + releaseFor.toMillis());
        }
    }

    private void beat(long now) {
        if (jdbc.update("UPDATE ante_instance SET seen_at = ? WHERE instance_id = ?", now, instance) == 0) {
            try {
                jdbc.update("INSERT INTO ante_instance (instance_id, seen_at) VALUES (?, ?)", instance, now);
            } catch (DuplicateKeyException e) {
                jdbc.update("UPDATE ante_instance SET seen_at = ? WHERE instance_id = ?", now, instance);
            }
        }
    }

    private long countAlive(long now) {
        Long alive = jdbc.queryForObject("SELECT COUNT(*) FROM ante_instance WHERE seen_at > ?", Long.class,
                now - liveness.toMillis());
        // Rows of instances gone long ago (killed, never stopped) are no one's: clear them once an hour.
        if (now - clearedAt > Duration.ofHours(1).toMillis()) {
            jdbc.update("DELETE FROM ante_instance WHERE seen_at < ?", now - Duration.ofDays(1).toMillis());
            clearedAt = now;
        }
        return alive == null ? 1 : Math.max(1, alive);
    }
}
