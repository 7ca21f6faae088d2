package dev.ante.infra.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * An event source for tracking processors whose batches are expensive to commit no matter how few events
 * they hold, such as the time-series writers (each batch is a QuestDB commit). When a batch ends short —
 * the processor has caught up — the next one gathers events for up to {@code linger} after its first event
 * arrives (or until it is full), so that events trickling in share one commit instead of paying one each. After a full batch there is no wait:
 * under load batches fill by themselves, so throughput is not capped, and the added delay is at most
 * {@code linger} when the load is light.
 *
 * <p>A source may be told to hurry: while its {@code hurry} condition holds (a read waits for a position to be
 * processed, say), a gathering batch goes with what it has; the condition is looked at every 10 ms while a batch
 * gathers.
 *
 * <p>Everything else is the delegate's: tokens, positions, replays.
 */
public final class LingeringMessageSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** How often a gathering batch looks at its {@code hurry} condition, when it has one. */
    private static final long HURRY_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * The longest one wait for a batch's first event lasts before it looks again. Axon's embedded store checks for a
     * new event before it takes the lock its reader signals new events under, so a signal that comes in between is
     * missed: the wait then runs to its end and reports nothing, though the event is there. A processor waits a
     * second at a time; in slices, a missed signal costs at most one slice.
     */
    static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final BooleanSupplier NEVER = () -> false;

    private final StreamableMessageSource<TrackedEventMessage<?>> delegate;
    private final long lingerNanos;
    private final int fullBatch;
    private final BooleanSupplier hurry;
    /** The longest a gathering batch waits for its next event before it looks at {@code hurry} again. */
    private final long waitSliceNanos;

    /**
     * @param linger    how long a batch that follows a short one waits for more events
     * @param fullBatch the processor's batch size: a batch this large is followed without waiting
     */
    public LingeringMessageSource(StreamableMessageSource<TrackedEventMessage<?>> delegate, Duration linger,
                                  int fullBatch) {
        this(delegate, linger, fullBatch, NEVER);
    }

    /**
     * @param linger    how long a batch that follows a short one waits for more events
     * @param fullBatch the processor's batch size: a batch this large is followed without waiting
     * @param hurry     while true, a gathering batch stops waiting
     */
    public LingeringMessageSource(StreamableMessageSource<TrackedEventMessage<?>> delegate, Duration linger,
                                  int fullBatch, BooleanSupplier hurry) {
        this.hurry = Objects.requireNonNull(hurry, "hurry");
        this.waitSliceNanos = hurry == NEVER ? Long.MAX_VALUE : HURRY_CHECK_NANOS;
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (linger.isNegative() || fullBatch < 1) {
            throw new IllegalArgumentException("linger must be >= 0 and fullBatch >= 1");
        }
        this.lingerNanos = linger.toNanos();
        this.fullBatch = fullBatch;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        BlockingStream<TrackedEventMessage<?>> stream = delegate.openStream(token);
        return lingerNanos == 0 ? stream : new LingeringStream(stream);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return delegate.createTokenSince(duration);
    }

    /**
     * A tracking processor asks for the first event of each batch with a timed {@link #hasNextAvailable(int,
     * TimeUnit)} and takes the rest with {@link #peek()} and {@link #nextAvailable()} while they are there;
     * the events taken since the last timed call are the size of the batch before. When that batch was short,
     * the timed call gathers events into a buffer of its own until the batch is full or {@code linger} has
     * passed since the first one arrived, and the processor then takes them from there.
     */
    private final class LingeringStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private final ArrayDeque<TrackedEventMessage<?>> gathered = new ArrayDeque<>();
        private int taken;

        LingeringStream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (!gathered.isEmpty()) {
                return true;
            }
            boolean afterShortBatch = taken < fullBatch;
            taken = 0;
            if (!awaitNext(unit.toNanos(timeout))) {
                return false;
            }
            if (afterShortBatch) {
                long deadline = System.nanoTime() + lingerNanos;
                gathered.add(stream.nextAvailable());
                while (gathered.size() < fullBatch && !hurry.getAsBoolean()) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        break;
                    }
                    long wait = Math.min(Math.min(remaining, waitSliceNanos), Integer.MAX_VALUE);
                    if (stream.hasNextAvailable((int) wait, TimeUnit.NANOSECONDS)) {
                        gathered.add(stream.nextAvailable());
                    }
                }
            }
            return true;
        }

        /** Waits up to {@code timeoutNanos} for the delegate's next event, in slices (see {@link #WAIT_SLICE_NANOS}). */
        private boolean awaitNext(long timeoutNanos) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutNanos;
            while (true) {
                long remaining = deadline - System.nanoTime();
                long slice = Math.max(0, Math.min(remaining, WAIT_SLICE_NANOS));
                if (stream.hasNextAvailable((int) slice, TimeUnit.NANOSECONDS)) {
                    return true;
                }
                if (remaining <= WAIT_SLICE_NANOS) {
                    return false;
                }
            }
        }

        @Override
        public boolean hasNextAvailable() {
            return !gathered.isEmpty() || stream.hasNextAvailable();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return gathered.isEmpty() ? stream.peek() : Optional.of(gathered.peekFirst());
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            taken++;
            return gathered.isEmpty() ? stream.nextAvailable() : gathered.pollFirst();
        }

        @Override
        public void close() {
            gathered.clear();
            stream.close();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }
    }
}
