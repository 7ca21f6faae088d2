package dev.ante.api.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * An NDJSON body as a sequence of lines, each an {@link InputStream} that ends at its newline, so that a
 * streaming parser reads one line without buffering it and without reading into the next. Lines are
 * what {@code split("\r?\n")} would give (the {@code \r} is JSON whitespace); a line longer than the
 * limit is refused with 413 naming its index.
 */
final class NdjsonLines {

    private final InputStream in;
    private final long maxLineBytes;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int end;
    private boolean eof;
    private int index = -1;
    private Line current;

    NdjsonLines(InputStream in, long maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null after the last one; the previous line is skipped to its end first. */
    InputStream next() throws IOException {
        if (current != null) {
            current.drain();
            if (current.endedAtEof) {
                return null;
            }
        }
        index++;
        current = new Line();
        return current;
    }

    /** The 0-based index of the current line. */
    int index() {
        return index;
    }

    private boolean fill() throws IOException {
        if (pos < end) {
            return true;
        }
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }

    private final class Line extends InputStream {

        private boolean done;
        private boolean endedAtEof;
        private long bytes;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] out, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                done = true;
                endedAtEof = true;
                return -1;
            }
            int n = 0;
            while (n < length && pos < end) {
                byte b = buffer[pos++];
                if (b == '\n') {
                    done = true;
                    break;
                }
                out[offset + n++] = b;
            }
            bytes += n;
            if (bytes > maxLineBytes) {
                throw new PayloadTooLargeException(maxLineBytes, index, "line " + index
                        + " is longer than the limit of " + maxLineBytes + " bytes");
            }
            if (n == 0 && done) {
                return -1;
            }
            return n;
        }

        /** Skips what is left of the line (after it was read, or given up on). */
        void drain() throws IOException {
            byte[] scratch = new byte[8192];
            while (read(scratch, 0, scratch.length) >= 0) {
                // the line's remaining bytes still count towards the body's and the line's limits
            }
        }

        @Override
        public void close() {
            // The parser closes its source at the end of the line; the body goes on.
        }
    }
}
