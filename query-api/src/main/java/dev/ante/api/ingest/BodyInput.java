package dev.ante.api.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A request body as a stream, cut off when it exceeds its byte limit (413) or arrives too slowly (408).
 * "Too slowly": after a grace period, the body must keep up an average of at least the minimum rate,
 * i.e. {@code n} bytes may take at most {@code grace + n / minRate}. A client that sends nothing at all
 * is cut off by the server's read timeout ({@code server.tomcat.connection-timeout}), also a 408.
 */
final class BodyInput extends InputStream {

    /** How slow bodies are cut off. */
    record Pace(Duration grace, long minBytesPerSecond) {
    }

    private final InputStream in;
    private final long limit;
    private final Pace pace;
    private final long start = System.nanoTime();
    private long count;

    BodyInput(InputStream in, long limit, Pace pace) {
        this.in = in;
        this.limit = limit;
        this.pace = pace;
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        checkPace();
        int n;
        try {
            n = in.read(buffer, offset, (int) Math.min(length, limit - count + 1));
        } catch (SocketTimeoutException e) {
            throw slow("no bytes arrived within the server's read timeout");
        } catch (IOException e) {
            if (e.getCause() instanceof SocketTimeoutException) {
                throw slow("no bytes arrived within the server's read timeout");
            }
            throw e;
        }
        if (n > 0) {
            count += n;
            if (count > limit) {
                throw new PayloadTooLargeException(limit);
            }
            checkPace();
        }
        return n;
    }

    private void checkPace() {
        long elapsed = System.nanoTime() - start;
        long allowed = pace.grace().toNanos() + count * 1_000_000_000L / pace.minBytesPerSecond();
        if (elapsed > allowed) {
            throw slow("it arrived slower than " + pace.minBytesPerSecond() + " bytes/s after a grace of "
                    + pace.grace().toMillis() + " ms (" + count + " bytes in " + elapsed / 1_000_000 + " ms)");
        }
    }

    private SlowBodyException slow(String why) {
        return new SlowBodyException("the request body was cut off after " + count + " bytes: " + why
                + "; nothing was written");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
