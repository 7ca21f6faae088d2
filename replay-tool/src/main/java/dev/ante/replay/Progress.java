package dev.ante.replay;

import java.io.PrintWriter;

/** Progress of multi-game work, drawn on stderr when it is a terminal and nowhere otherwise. */
public interface Progress extends AutoCloseable {

    /**
     * Reports how far the work is; {@code total} is negative while unknown. {@code detail} says what has
     * been done so far in words ("1,200 events, 14 games").
     */
    void update(long done, long total, String detail);

    /** Removes the bar, so that what follows starts on a clean line. */
    @Override
    void close();

    /** Progress that shows nothing. */
    static Progress none() {
        return new Progress() {
            @Override
            public void update(long done, long total, String detail) {
            }

            @Override
            public void close() {
            }
        };
    }

    /** A bar on {@code err} when {@code terminal}, else nothing. */
    static Progress on(PrintWriter err, boolean terminal, String label) {
        return terminal ? new ProgressBar(err, label) : none();
    }
}
