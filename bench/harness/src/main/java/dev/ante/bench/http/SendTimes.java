package dev.ante.bench.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * Event times written into request bodies prepared ahead, at the moment each request is sent. The body is
 * encoded with a placeholder time in every event, which always prints as 27 characters; sending overwrites
 * each placeholder, in order, with a time of the same width, so that the bodies need not be encoded again
 * while the clock runs. The events of one request end at the moment it is sent, one microsecond apart.
 */
final class SendTimes {

    /**
     * What a prepared event says it occurred at, until it is sent. Envelopes hold microseconds, and a last digit
     * that is not zero makes it print all six.
     */
    static final Instant PLACEHOLDER = Instant.parse("1999-12-31T23:59:59.999999Z");

    private static final DateTimeFormatter FIXED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final byte[] QUOTED = ('"' + FIXED.format(PLACEHOLDER) + '"').getBytes(StandardCharsets.US_ASCII);
    private static final int WIDTH = QUOTED.length - 2;

    private SendTimes() {
    }

    /** Where the placeholders start in {@code body} (after their opening quote), in order. */
    static int[] offsets(byte[] body) {
        int[] found = new int[16];
        int count = 0;
        for (int i = 0; i + QUOTED.length <= body.length; i++) {
            if (body[i] == '"' && Arrays.equals(body, i, i + QUOTED.length, QUOTED, 0, QUOTED.length)) {
                if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                found[count++] = i + 1;
                i += QUOTED.length - 1;
            }
        }
        return Arrays.copyOf(found, count);
    }

    /** Overwrites the placeholders at {@code offsets} with times ending at {@code now}, one microsecond apart. */
    static void stamp(byte[] body, int[] offsets, Instant now) {
        Instant last = now.truncatedTo(ChronoUnit.MICROS);
        for (int i = 0; i < offsets.length; i++) {
            Instant at = last.minusNanos(1_000L * (offsets.length - 1 - i));
            byte[] text = FIXED.format(at).getBytes(StandardCharsets.US_ASCII);
            if (text.length != WIDTH) {
                throw new IllegalStateException("a time of " + text.length + " characters cannot replace " + WIDTH);
            }
            System.arraycopy(text, 0, body, offsets[i], WIDTH);
        }
    }
}
