package dev.ante.api.stream;

import dev.ante.api.ingest.InvalidRequestException;
import dev.ante.domain.Violation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The live stream over server-sent events, and its statistics (docs/api.md, "Live stream"). The connection
 * is handed to a client thread of the {@link StreamHub}; no request thread waits on it.
 */
@RestController
@RequestMapping("/api/v1/stream")
@Tag(name = "live stream", description = "Every event as it is recorded, over server-sent events, with resume")
public class StreamController {

    private final StreamHub hub;

    public StreamController(StreamHub hub) {
        this.hub = hub;
    }

    @Operation(summary = "Events as they are recorded (text/event-stream); resume with Last-Event-ID or after")
    @GetMapping
    public void stream(@RequestParam(required = false) String category,
                       @RequestParam(required = false) String gameId,
                       @RequestParam(required = false) String strategyId,
                       @RequestParam(required = false) String agentId,
                       @RequestParam(required = false) String types,
                       @RequestParam(required = false) String after,
                       @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                       HttpServletRequest request, HttpServletResponse response) throws IOException {
        StreamFilter filter = StreamFilter.parse(category, gameId, strategyId, agentId, types);
        Long resumeAfter = lastEventId != null ? position("Last-Event-ID", lastEventId) : position("after", after);
        if (resumeAfter != null && !hub.resumable(resumeAfter)) {
            throw new InvalidRequestException("Invalid parameter", new Violation(null,
                    lastEventId != null ? "Last-Event-ID" : "after",
                    resumeAfter + " is not a position of the log to resume from"));
        }
        StreamHub.Slot slot = hub.reserve();
        try {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no");
            response.flushBuffer();
            AsyncContext async = request.startAsync();
            async.setTimeout(0);
            Connection connection = new Connection(async, response.getOutputStream());
            async.addListener(connection);
            connection.session = slot.start(filter, resumeAfter, connection, connection::complete);
        } catch (IOException | RuntimeException e) {
            slot.release();
            throw e;
        }
    }

    @Operation(summary = "Open live streams, events sent, clients dropped for falling behind (ADMIN)")
    @GetMapping(path = "/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    public StreamHub.Stats stats() {
        return hub.stats();
    }

    private static Long position(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            long position = Long.parseLong(value.trim());
            if (position >= -1) {
                return position;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException("Invalid parameter", new Violation(null, name,
                "must be a position of the log (an event's id in the stream), or -1 for the start"));
    }

    /**
     * The stream's side of one connection. Once the container has ended the request (the client went away,
     * an error) it recycles the request's objects for other requests, so after that the session must not
     * write or complete anything: every write and the end take one lock, and the container's notice closes
     * the connection under it before returning.
     */
    private static final class Connection extends OutputStream implements AsyncListener {

        private final AsyncContext async;
        private final OutputStream out;
        private final ReentrantLock lock = new ReentrantLock();
        private boolean ended;
        private volatile StreamSession session;

        Connection(AsyncContext async, OutputStream out) {
            this.async = async;
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            lock.lock();
            try {
                open().write(bytes, offset, length);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void flush() throws IOException {
            lock.lock();
            try {
                open().flush();
            } finally {
                lock.unlock();
            }
        }

        private OutputStream open() throws IOException {
            if (ended) {
                throw new IOException("the connection has ended");
            }
            return out;
        }

        /** The session is done: the response ends, unless the container ended it already. */
        void complete() {
            lock.lock();
            try {
                if (!ended) {
                    ended = true;
                    async.complete();
                }
            } catch (IllegalStateException e) {
                // The container ended it meanwhile.
            } finally {
                lock.unlock();
            }
        }

        private void endedByContainer() {
            lock.lock();
            try {
                ended = true;
            } finally {
                lock.unlock();
            }
            StreamSession s = session;
            if (s != null) {
                s.close();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            endedByContainer();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            endedByContainer();
        }

        @Override
        public void onError(AsyncEvent event) {
            endedByContainer();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
