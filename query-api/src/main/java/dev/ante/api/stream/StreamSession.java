package dev.ante.api.stream;

import dev.ante.infra.store.RecordedEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's stream, on a thread of its own. A client that resumes first reads what it missed from the
 * store, page by page, at its own pace; close to the head it subscribes to the hub, reads from the store
 * what lies between where it got to and where the subscription starts, and from then on writes what the
 * hub hands it. Every event therefore arrives once, in position order, with no gap between the stored
 * and the live part. An idle stream gets a ping every {@code ante.stream.heartbeat}; a client that falls
 * more than {@code ante.stream.max-buffered} events behind gets {@code overflow} with where to resume.
 */
public final class StreamSession implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StreamSession.class);
    private static final long MAX_WAIT_NANOS = 1_000_000_000L;

    private final StreamHub hub;
    private final StreamFilter filter;
    private final Long after;
    private final OutputStream out;
    private final Runnable onEnd;
    private volatile boolean closed;
    private volatile Subscription subscription;

    StreamSession(StreamHub hub, StreamFilter filter, Long after, OutputStream out, Runnable onEnd) {
        this.hub = hub;
        this.filter = filter;
        this.after = after;
        this.out = out;
        this.onEnd = onEnd;
    }

    /** Ends the stream soon, from any thread (the client went away, the server stops). */
    public void close() {
        closed = true;
        Subscription s = subscription;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void run() {
        try {
            stream();
        } catch (IOException e) {
            log.debug("A live-stream client went away: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("A live stream ended on an error", e);
        } finally {
            Subscription s = subscription;
            if (s != null) {
                hub.unsubscribe(s);
            }
            onEnd.run();
        }
    }

    private void stream() throws IOException, InterruptedException {
        long last;
        if (after != null) {
            last = catchUp(after, Long.MAX_VALUE);
            subscription = hub.subscribe(filter);
            last = Math.max(catchUp(last, subscription.liveFrom()), after);
        } else {
            subscription = hub.subscribe(filter);
            last = subscription.liveFrom();
        }
        if (closed) {
            subscription.close();
        }
        live(subscription, last);
    }

    /**
     * Writes the stored events that pass the filter after {@code from} and up to {@code until}; returns the
     * last position read, which is where the next read continues.
     */
    private long catchUp(long from, long until) throws IOException {
        int page = hub.settings().catchUpPage();
        long position = from;
        while (!closed && hub.running() && position < until) {
            List<RecordedEvent> events = hub.store().readAll(position, page);
            long written = 0;
            for (RecordedEvent event : events) {
                if (event.position() > until) {
                    position = until;
                    break;
                }
                position = event.position();
                if (filter.matches(event.stream(), event.type(), hub.tags().resolver(event))) {
                    out.write(hub.frames().of(event).bytes());
                    written++;
                }
            }
            if (written > 0) {
                out.flush();
                hub.sent(written);
            }
            if (events.isEmpty()) {
                // A backend may return fewer events than asked before the end; only an empty read is the end.
                break;
            }
        }
        return position;
    }

    private void live(Subscription live, long from) throws IOException, InterruptedException {
        long last = from;
        long heartbeat = hub.settings().heartbeat().toNanos();
        long pingAt = System.nanoTime() + heartbeat;
        out.write(SseFrames.PING);
        out.flush();
        while (!closed && !live.closed() && hub.running()) {
            long now = System.nanoTime();
            List<SseFrames.Frame> frames = live.next(Math.min(MAX_WAIT_NANOS, pingAt - now));
            if (live.overflowed()) {
                out.write(SseFrames.overflow(last, hub.settings().maxBuffered()));
                out.flush();
                return;
            }
            long written = 0;
            for (SseFrames.Frame frame : frames) {
                if (frame.position() > last) {
                    out.write(frame.bytes());
                    last = frame.position();
                    written++;
                }
            }
            if (written > 0) {
                out.flush();
                hub.sent(written);
                pingAt = System.nanoTime() + heartbeat;
            } else if (System.nanoTime() - pingAt >= 0) {
                out.write(SseFrames.PING);
                out.flush();
                pingAt = System.nanoTime() + heartbeat;
            }
        }
    }
}
