package dev.ante.api.read;

import dev.ante.api.error.Problems;
import dev.ante.api.ingest.InvalidRequestException;
import dev.ante.domain.Violation;
import dev.ante.infra.store.StreamStore;
import dev.ante.projections.ProjectionNames;
import dev.ante.projections.rebuild.ShadowRebuild;
import dev.ante.projections.support.Failures;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.stereotype.Service;

/**
 * Where each read-model processor stands in the global log, read-your-writes waits on it (through
 * {@link PositionWaits}), and replays.
 */
@Service
public class ProjectionStatus {

    /**
     * One processor: the last global position it has processed, the log's head, and the distance;
     * whether it is rebuilding; how many events it has parked as dead letters; while its batches keep
     * failing, why (null otherwise); how far along the log it is ({@code percent}: position / head), how fast
     * it has moved over the last ten seconds ({@code rate}, events/s) and, from the two, when it should have
     * caught up ({@code etaSeconds}: 0 when it has, null while it is behind and not moving); which Ante
     * instances hold its segments ({@code claimedBy}, empty while none does).
     */
    public record Item(String name, long position, long head, long lag, boolean replaying, long deadLetters,
                       String error, double percent, double rate, Long etaSeconds, List<String> claimedBy) {
    }

    private final EventProcessingConfiguration processing;
    private final StreamStore store;
    private final PositionWaits waits;
    private final Rebuilds rebuilds;
    private final TokenTable tokens;
    private final String instance;
    private final ProjectionRates rates = new ProjectionRates(System::nanoTime);
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "projection-rates");
        thread.setDaemon(true);
        return thread;
    });

    private final MeterRegistry meters;
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    /** Every gauged processor's item as the sampler last saw it. */
    private volatile Map<String, Item> sampled = Map.of();

    /**
     * @param tokens   the stored tokens, for processors whose segments another instance holds
     * @param instance this instance's name as a token owner
     */
    public ProjectionStatus(EventProcessingConfiguration processing, StreamStore store, PositionWaits waits,
                            Rebuilds rebuilds, MeterRegistry meters, TokenTable tokens,
                            @Qualifier("instanceId") String instance) {
        this.processing = processing;
        this.tokens = tokens;
        this.instance = instance;
        this.store = store;
        this.waits = waits;
        this.rebuilds = rebuilds;
        this.meters = meters;
        Gauge.builder("ante.log.head", store, StreamStore::headPosition)
                .description("The position of the last event in the log").register(meters);
    }

    /**
     * Starts sampling once the application is up: sampling asks Axon for its processors, which are beans, and
     * doing so while the context is still being built only contends with it.
     */
    @EventListener(ApplicationReadyEvent.class)
    void startSampling() {
        sampler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    /** Records every processor's position for the rates; a processor not running yet is skipped. */
    private void sample() {
        try {
            processing.eventProcessors().forEach((name, processor) -> {
                if (processor instanceof StreamingEventProcessor streaming) {
                    rates.sample(name, rebuilding(name).map(ShadowRebuild::position).orElseGet(() -> position(name, streaming)));
                    if (gauged.add(name)) {
                        gauge(name, "ante.projection.lag", "Positions of the log a processor has not handled yet",
                                Item::lag);
                        gauge(name, "ante.projection.position", "The last position of the log a processor has handled",
                                Item::position);
                        gauge(name, "ante.projection.rate", "Events a processor handles per second, over the last minute",
                                Item::rate);
                        gauge(name, "ante.projection.dead.letters", "Events parked in a processor's dead-letter queue",
                                Item::deadLetters);
                        gauge(name, "ante.projection.replaying", "1 while a processor rebuilds, 0 otherwise",
                                item -> item.replaying() ? 1 : 0);
                        gauge(name, "ante.projection.failing", "1 while a processor's batches fail, 0 otherwise",
                                item -> item.error() != null ? 1 : 0);
                    }
                }
            });
            long head = store.headPosition();
            Map<String, Item> items = new HashMap<>();
            for (String name : gauged) {
                items.put(name, item(name, head));
            }
            sampled = items;
        } catch (RuntimeException e) {
            // A processor shutting down or restarting: the next second samples again.
        }
    }

    /** A meter of one processor, read from the last second's sample, so that a scrape costs no queries. */
    private void gauge(String processor, String metric, String description, ToDoubleFunction<Item> value) {
        Gauge.builder(metric, () -> {
                    Item item = sampled.get(processor);
                    return item == null ? Double.NaN : value.applyAsDouble(item);
                })
                .tag("processor", processor)
                .description(description)
                .register(meters);
    }

    @PreDestroy
    void stopSampling() {
        sampler.shutdownNow();
    }

    /** Every streaming processor: the read models and, when QuestDB is on, the time-series writers. */
    public List<Item> all() {
        long head = store.headPosition();
        return names().stream().map(name -> item(name, head)).toList();
    }

    /** The processors' names, read models first. */
    public List<String> names() {
        List<String> names = new java.util.ArrayList<>(ProjectionNames.ALL);
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor && !names.contains(name)) {
                names.add(name);
            }
        });
        return names;
    }

    private Item item(String name, long head) {
        StreamingEventProcessor processor = processor(name);
        Optional<ShadowRebuild> rebuild = rebuilding(name);
        // While a read model is rebuilt beside the live one, its progress is the rebuild's.
        long position = rebuild.map(ShadowRebuild::position).orElseGet(() -> position(name, processor));
        // Axon keeps a segment "replaying" until it handles an event past the position of the reset, which
        // may not come for a long time after the rebuild has caught up with the log.
        boolean replaying = rebuild.isPresent() || processor.processingStatus().values().stream()
                .anyMatch(segment -> segment.isReplaying()
                        && segment.getResetPosition().orElse(Long.MAX_VALUE) > segment.getCurrentPosition().orElse(-1));
        String error = processor.processingStatus().values().stream().filter(EventTrackerStatus::isErrorState)
                .map(segment -> segment.getError() == null ? "failing" : Failures.rootMessage(segment.getError()))
                .findFirst()
                .orElseGet(() -> rebuilds.latest(name).filter(last -> last.state() == ShadowRebuild.State.FAILED)
                        .map(last -> "the last rebuild failed and the read model was kept as it was: " + last.error())
                        .orElse(null));
        long lag = Math.max(0, head - position);
        double percent = head <= 0 || lag == 0 ? 100.0 : Math.max(0, Math.min(100.0, 100.0 * position / head));
        double rate = rates.rate(name);
        Long eta = lag == 0 ? Long.valueOf(0) : rate > 0 ? Long.valueOf((long) Math.ceil(lag / rate)) : null;
        return new Item(name, position, head, lag, replaying, deadLetters(name), error,
                Math.floor(percent * 10) / 10, Math.round(rate * 10) / 10.0, eta, tokens.of(name).owners());
    }

    /** Events {@code name} has parked; 0 for processors without a dead-letter queue. */
    public long deadLetters(String name) {
        return processing.deadLetterQueue(name).map(queue -> queue.size()).orElse(0L);
    }

    /**
     * The lowest position over the processor's segments; -1 before it has processed anything. While this
     * instance holds none of them (another instance does, or none is claimed yet) it is the stored one.
     */
    private long position(String name, StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return tokens.of(name).position();
        }
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus segment : status.values()) {
            OptionalLong current = segment.getCurrentPosition();
            lowest = Math.min(lowest, current.isPresent() ? current.getAsLong() : -1);
        }
        return lowest;
    }

    /**
     * Completes when {@code processor} has processed {@code minPosition}, or after the longest wait with
     * where it stood; at once without a minPosition. The read's controller reports a position not reached.
     */
    public CompletableFuture<Freshness> await(String name, String minPosition) {
        if (minPosition == null) {
            return CompletableFuture.completedFuture(Freshness.NOT_ASKED);
        }
        long wanted = QueryParams.longParam("minPosition", minPosition, 0, 0, Long.MAX_VALUE);
        StreamingEventProcessor processor = processor(name);
        return waits.await(name, () -> position(name, processor), wanted);
    }

    /** The rebuild of {@code name} running beside its live read model, if one is. */
    private Optional<ShadowRebuild> rebuilding(String name) {
        return rebuilds.latest(name).filter(rebuild -> rebuild.state() == ShadowRebuild.State.RUNNING
                && rebuild.builds(name));
    }

    /**
     * Rebuilds the processor's read model from the start of the log, in the background. SQL read models are
     * rebuilt beside the live one, which keeps answering until the new one has caught up and replaces it in
     * one transaction; the time-series writers are reset and rebuilt in place (QuestDB drops the rows it
     * already holds). See {@link Rebuilds}.
     */
    public Item replay(String name) {
        StreamingEventProcessor processor = processor(name);
        requireNoOtherInstance(List.of(name));
        rebuilds.start(Map.of(name, processor));
        return replaying(item(name, store.headPosition()));
    }

    /**
     * Rebuilds every processor's read model in one rebuild, which reads and decodes the log once for all of them:
     * the SQL read models beside the live ones, the time-series writers in place.
     */
    public List<Item> replayAll() {
        requireNoOtherInstance(names());
        Map<String, StreamingEventProcessor> all = new java.util.LinkedHashMap<>();
        for (String name : names()) {
            all.put(name, processor(name));
        }
        rebuilds.start(all);
        long head = store.headPosition();
        return names().stream().map(name -> replaying(item(name, head))).toList();
    }

    private static Item replaying(Item now) {
        return new Item(now.name(), now.position(), now.head(), now.lag(), true, now.deadLetters(), now.error(),
                now.percent(), now.rate(), now.etaSeconds(), now.claimedBy());
    }

    /**
     * Refuses (409, naming the instance) what only the instance processing {@code name} may do — a replay moves
     * its token, dead letters retried write its read model — while another live instance holds a segment of it.
     */
    public void requireNoOtherInstance(String name) {
        requireNoOtherInstance(List.of(name));
    }

    private void requireNoOtherInstance(List<String> names) {
        Map<String, TokenTable.Stored> stored = tokens.fresh();
        for (String name : names) {
            List<String> others = stored.getOrDefault(name, TokenTable.Stored.NONE).owners().stream()
                    .filter(owner -> !owner.equals(instance)).toList();
            if (!others.isEmpty()) {
                HttpStatus conflict = HttpStatus.CONFLICT;
                throw new ErrorResponseException(conflict, Problems.of(conflict, "Processed by another instance",
                        "projection " + name + " is processed by " + String.join(", ", others) + ", not by this"
                                + " instance (" + instance + "); send the request to that instance"), null);
            }
        }
    }

    /** The processor called {@code name}; anything else is a 400 naming the parameter. */
    public StreamingEventProcessor processor(String name) {
        List<String> names = names();
        if (!names.contains(name)) {
            throw new InvalidRequestException("Unknown projection", new Violation(null, "name", "unknown projection '"
                    + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "'; expected one of "
                    + String.join(", ", names)));
        }
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("processor " + name + " is not running"));
    }
}
