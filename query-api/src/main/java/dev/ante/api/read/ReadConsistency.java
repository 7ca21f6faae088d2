package dev.ante.api.read;

import dev.ante.infra.store.StreamStore;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for reads served straight from the event store: {@code minPosition=P} waits, at most
 * {@code ante.reads.max-position-wait}, until the store's head has reached global position P. When it
 * has not by then, the controller says so in {@value #HEADER}.
 */
@Component
public class ReadConsistency {

    /** Response header naming the position the answer reflects, set when minPosition was not reached. */
    public static final String HEADER = "Ante-Position-Not-Reached";

    private static final CompletableFuture<Freshness> NOT_ASKED = CompletableFuture.completedFuture(Freshness.NOT_ASKED);

    private final StreamStore store;
    private final PositionWaits waits;

    public ReadConsistency(StreamStore store, PositionWaits waits) {
        this.store = store;
        this.waits = waits;
    }

    /** Completes when the store has reached {@code minPosition} (or the wait is over); at once without one. */
    public CompletableFuture<Freshness> awaitStore(String minPosition) {
        if (minPosition == null) {
            return NOT_ASKED;
        }
        long wanted = QueryParams.longParam("minPosition", minPosition, 0, 0, Long.MAX_VALUE);
        return waits.await("event-store", store::headPosition, wanted);
    }
}
