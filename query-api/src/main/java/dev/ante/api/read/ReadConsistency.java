package dev.ante.api.read;

import dev.ante.infra.store.StreamStore;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes: {@code minPosition=P} waits, at most 5 s, until what the read serves has seen
 * global position P; when it has not by then, the answer says so in {@value #HEADER}.
 */
@Component
public class ReadConsistency {

    /** Response header naming the position the answer reflects, set when minPosition was not reached. */
    public static final String HEADER = "Ante-Position-Not-Reached";

    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final StreamStore store;

    public ReadConsistency(StreamStore store) {
        this.store = store;
    }

    /** For reads served straight from the event store. */
    public void awaitStore(String minPosition, HttpServletResponse response) {
        if (minPosition == null) {
            return;
        }
        long wanted = QueryParams.longParam("minPosition", minPosition, 0, 0, Long.MAX_VALUE);
        long deadline = System.nanoTime() + MAX_WAIT_NANOS;
        long head = store.headPosition();
        while (head < wanted && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            head = store.headPosition();
        }
        if (head < wanted) {
            response.setHeader(HEADER, "wanted " + wanted + ", at " + head);
        }
    }
}
