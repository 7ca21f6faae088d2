package dev.ante.api.ingest;

import dev.ante.api.config.AnteProperties;
import dev.ante.api.error.ServiceBusyException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * One budget, in bytes of heap, for what all write requests in flight keep of their bodies. Bodies are
 * read as streams and only what the catalog reads is kept ({@link BoundedJsonReader}); that is charged
 * here as it is built. When the budget is spent, the request that asks for more gets a quick 503 with
 * {@code Retry-After} instead of the JVM running out of memory. Configured by
 * {@code ante.ingest.body-memory-budget}; by default a quarter of the maximum heap.
 */
@Component
public class BodyBudget {

    /** Leases take from the budget in chunks of this many bytes, so most charges touch no lock. */
    static final int CHUNK = 256 * 1024;

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Semaphore bytes;
    private final long total;

    @Autowired
    public BodyBudget(AnteProperties properties) {
        this(budgetOf(properties.ingest().bodyMemoryBudget()));
    }

    BodyBudget(long total) {
        this.total = total;
        this.bytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, total));
    }

    private static long budgetOf(DataSize configured) {
        return configured != null ? configured.toBytes() : Runtime.getRuntime().maxMemory() / 4;
    }

    /** The budget's size in bytes. */
    public long total() {
        return total;
    }

    /** Bytes not taken by any request now. */
    public long available() {
        return bytes.availablePermits();
    }

    /** A lease for one request; close it when the request is done with what it kept. */
    public Lease lease() {
        return new Lease();
    }

    /** What one request has taken from the budget. Not thread-safe: one request, one thread. */
    public final class Lease implements AutoCloseable {

        private long held;
        private long used;

        private Lease() {
        }

        /** Takes {@code cost} more bytes from the budget, or refuses the request with 503. */
        public void charge(long cost) {
            used += cost;
            if (used <= held) {
                return;
            }
            int more = (int) Math.min(Integer.MAX_VALUE, Math.max(CHUNK, used - held));
            if (!bytes.tryAcquire(more)) {
                throw new ServiceBusyException("the platform is reading other requests' bodies and has no memory "
                        + "to spare for this one now; nothing was written, retry shortly", RETRY_AFTER);
            }
            held += more;
        }

        @Override
        public void close() {
            bytes.release((int) held);
            held = 0;
            used = 0;
        }
    }
}
