package dev.ante.api.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One client's place in the live part of the log: the hub offers it the frames that pass its filter, in
 * position order, after {@link #liveFrom()}; it holds at most {@code capacity} of them. When one more does
 * not fit the hub drops the subscription ({@link #overflowed()}), so a slow client never holds up the hub,
 * ingest or other clients.
 */
final class Subscription {

    private final StreamFilter filter;
    private final long liveFrom;
    private final ArrayBlockingQueue<SseFrames.Frame> queue;
    private volatile boolean overflowed;
    private volatile boolean closed;

    Subscription(StreamFilter filter, long liveFrom, int capacity) {
        this.filter = filter;
        this.liveFrom = liveFrom;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    StreamFilter filter() {
        return filter;
    }

    /** Every event after this position comes through the subscription; the ones up to it, from the store. */
    long liveFrom() {
        return liveFrom;
    }

    /** Called by the hub only; false when the client is too far behind. */
    boolean offer(SseFrames.Frame frame) {
        if (queue.offer(frame)) {
            return true;
        }
        overflowed = true;
        queue.clear();
        return false;
    }

    /** The frames waiting, or after up to {@code timeoutNanos} none. */
    List<SseFrames.Frame> next(long timeoutNanos) throws InterruptedException {
        SseFrames.Frame first = queue.poll(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
        if (first == null) {
            return List.of();
        }
        List<SseFrames.Frame> frames = new ArrayList<>(Math.min(queue.size() + 1, 1024));
        frames.add(first);
        queue.drainTo(frames, 1023);
        return frames;
    }

    boolean overflowed() {
        return overflowed;
    }

    void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }
}
