package dev.ante.api.read;

import dev.ante.api.ingest.InvalidRequestException;
import dev.ante.domain.Violation;
import dev.ante.infra.store.StreamStore;
import dev.ante.projections.ProjectionNames;
import dev.ante.projections.support.CurrentRebuild;
import dev.ante.projections.support.Rebuilds;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Service;

/**
 * Where each read-model processor stands in the global log, read-your-writes waits on it (through
 * {@link PositionWaits}), and replays.
 */
@Service
public class ProjectionStatus {

    /**
     * One processor: the last global position it has processed, the log's head, and the distance;
     * whether it is rebuilding; how many events it has parked as dead letters; and, while its batches keep
     * failing, why (null otherwise).
     */
    public record Item(String name, long position, long head, long lag, boolean replaying, long deadLetters,
                       String error) {
    }

    private final EventProcessingConfiguration processing;
    private final StreamStore store;
    private final PositionWaits waits;
    private final CurrentRebuild rebuild;

    public ProjectionStatus(EventProcessingConfiguration processing, StreamStore store, PositionWaits waits,
                            CurrentRebuild rebuild) {
        this.processing = processing;
        this.store = store;
        this.waits = waits;
        this.rebuild = rebuild;
    }

    /** Every projection: the read models and, when QuestDB is on, the time-series writers. */
    public List<Item> all() {
        long head = store.headPosition();
        return names().stream().map(name -> item(name, head)).toList();
    }

    /**
     * The projections' names, read models first: each read model's processing group (they share one
     * processor), then every other streaming processor.
     */
    public List<String> names() {
        List<String> names = new java.util.ArrayList<>(ProjectionNames.ALL);
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor && !names.contains(name)
                    && !ProjectionNames.READ_MODELS.equals(name)) {
                names.add(name);
            }
        });
        return names;
    }

    private Item item(String name, long head) {
        StreamingEventProcessor processor = processor(name);
        long position = position(processor, name);
        boolean replaying = processor.processingStatus().values().stream().anyMatch(segment -> rebuilding(segment, name));
        String error = processor.processingStatus().values().stream().filter(EventTrackerStatus::isErrorState)
                .map(segment -> segment.getError() == null ? "failing" : rootMessage(segment.getError()))
                .findFirst().orElse(null);
        return new Item(name, position, head, Math.max(0, head - position), replaying, deadLetters(name), error);
    }

    /**
     * Whether {@code segment} is rebuilding the projection {@code name}. Axon keeps a segment "replaying"
     * until it handles an event past the position of the reset, which may not come for a long time after
     * the rebuild has caught up with the log; and a rebuild of some read models leaves the others out.
     */
    private boolean rebuilding(EventTrackerStatus segment, String name) {
        return segment.isReplaying() && inScope(name)
                && segment.getResetPosition().orElse(Long.MAX_VALUE) > segment.getCurrentPosition().orElse(-1);
    }

    private boolean inScope(String name) {
        return !ProjectionNames.ALL.contains(name) || rebuild.includes(name);
    }

    /** Events {@code name} has parked; 0 for projections without a dead-letter queue. */
    public long deadLetters(String name) {
        return processing.deadLetterQueue(name).map(queue -> queue.size()).orElse(0L);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    /**
     * How far the projection {@code name} has processed: the lowest position over the processor's segments,
     * -1 before it has processed anything. A read model left out of a rebuild of others has everything up
     * to the reset, while the shared processor re-reads the log for them.
     */
    private long position(StreamingEventProcessor processor, String name) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return -1;
        }
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus segment : status.values()) {
            OptionalLong current = segment.getCurrentPosition();
            long at = current.isPresent() ? current.getAsLong() : -1;
            if (segment.isReplaying() && !inScope(name)) {
                at = Math.max(at, segment.getResetPosition().orElse(at));
            }
            lowest = Math.min(lowest, at);
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
        return waits.await(name, () -> position(processor, name), wanted);
    }

    /**
     * Clears the projection's tables and rebuilds them from the start of the log, in the background. A read
     * model is rebuilt alone: the others in its processor keep their tables and skip what the rebuild
     * re-reads, though they take in new events only once the rebuild has caught up with the log.
     */
    public Item replay(String name) {
        StreamingEventProcessor processor = processor(name);
        if (ProjectionNames.ALL.contains(name)) {
            // A rebuild still under way is restarted with this one: the read models it was rebuilding were
            // cleared and must stay in scope. A processor that has not claimed its segments yet (just started,
            // by a previous rebuild say) may be rebuilding anything.
            var segments = processor.processingStatus().values();
            boolean underWay = segments.isEmpty() || segments.stream().anyMatch(segment -> segment.isReplaying()
                    && segment.getResetPosition().orElse(Long.MAX_VALUE) > segment.getCurrentPosition().orElse(-1));
            java.util.Set<String> scope = new java.util.LinkedHashSet<>(List.of(name));
            String previous = underWay ? rebuild.scope().orElse(CurrentRebuild.EVERYTHING) : null;
            processor.shutDown();
            if (CurrentRebuild.EVERYTHING.equals(previous)) {
                processor.resetTokens();
                rebuild.observe(CurrentRebuild.EVERYTHING);
            } else {
                if (previous != null) {
                    scope.addAll(List.of(previous.split(",")));
                }
                String newScope = Rebuilds.scope(scope.toArray(String[]::new));
                processor.resetTokens(newScope);
                rebuild.observe(newScope);
            }
        } else {
            processor.shutDown();
            processor.resetTokens();
        }
        processor.start();
        Item now = item(name, store.headPosition());
        // The segments may not be claimed yet: report the rebuild that has just been started.
        return new Item(now.name(), now.position(), now.head(), now.lag(), true, now.deadLetters(), now.error());
    }

    /** The processor running the projection {@code name}; anything else is a 400 naming the parameter. */
    public StreamingEventProcessor processor(String name) {
        List<String> names = names();
        if (!names.contains(name)) {
            throw new InvalidRequestException("Unknown projection", new Violation(null, "name", "unknown projection '"
                    + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "'; expected one of "
                    + String.join(", ", names)));
        }
        String processor = ProjectionNames.ALL.contains(name) ? ProjectionNames.READ_MODELS : name;
        return processing.eventProcessor(processor, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("processor " + processor + " is not running"));
    }
}
