package dev.ante.api.stream;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.infra.codec.EventCodec;
import dev.ante.infra.store.RecordedEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Server-sent-event frames of stored events, built once per event and shared by every client that gets it.
 * A frame is {@code id:} the event's global position, {@code event:} its type and {@code data:} one JSON
 * line: the stored data as stored (never parsed again) inside the event's place in the log.
 */
final class SseFrames {

    /** A comment line that keeps idle connections (and the proxies between) open. */
    static final byte[] PING = ": ping\n\n".getBytes(UTF_8);

    private final EventCodec codec;
    private final ObjectMapper mapper;

    SseFrames(EventCodec codec) {
        this.codec = codec;
        this.mapper = codec.mapper();
    }

    /** The frame of one event. */
    Frame of(RecordedEvent event) {
        JsonStringEncoder quote = JsonStringEncoder.getInstance();
        Instant occurredAt = codec.occurredAt(event);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + event.data().length);
        write(out, "id: " + event.position() + "\nevent: ");
        out.writeBytes(line(event.type()));
        write(out, "\ndata: {\"stream\":\"");
        out.writeBytes(quote.quoteAsUTF8(event.stream()));
        write(out, "\",\"revision\":" + event.revision() + ",\"position\":" + event.position()
                + ",\"eventId\":\"" + event.eventId() + "\",\"type\":\"");
        out.writeBytes(quote.quoteAsUTF8(event.type()));
        write(out, "\",\"occurredAt\":" + instant(occurredAt) + ",\"recordedAt\":" + instant(event.recordedAt())
                + ",\"data\":");
        out.writeBytes(oneLine(event.data()));
        write(out, "}\n\n");
        return new Frame(event.position(), out.toByteArray());
    }

    /** What a client that fell too far behind gets before it is closed: where to resume from. */
    static byte[] overflow(long resumeAfter, int maxBuffered) {
        return ("event: overflow\ndata: {\"resumeAfter\":" + resumeAfter + ",\"maxBuffered\":" + maxBuffered
                + "}\n\n").getBytes(UTF_8);
    }

    private static String instant(Instant instant) {
        return instant == null ? "null" : "\"" + instant + "\"";
    }

    // Stored data is compact JSON written by the platform; a line break could only be whitespace between
    // tokens, which would end the SSE data line, so such data is written again without it.
    private byte[] oneLine(byte[] json) {
        for (byte b : json) {
            if (b == '\n' || b == '\r') {
                try {
                    return mapper.writeValueAsBytes(mapper.readTree(json));
                } catch (IOException e) {
                    throw new UncheckedIOException("stored data is not JSON", e);
                }
            }
        }
        return json;
    }

    private static byte[] line(String value) {
        return value.replace('\n', ' ').replace('\r', ' ').getBytes(UTF_8);
    }

    private static void write(ByteArrayOutputStream out, String ascii) {
        out.writeBytes(ascii.getBytes(UTF_8));
    }

    /** A built frame and the position of its event. */
    record Frame(long position, byte[] bytes) {
    }
}
