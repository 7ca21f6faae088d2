package dev.ante.replay;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place with carriage returns. Redraws are limited to ten a second, so
 * that a fast scan spends its time scanning; the last step is always drawn.
 */
final class ProgressBar implements Progress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final String label;
    private long lastDraw;
    private boolean drawn;
    private int shownLength;

    ProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    @Override
    public void update(long done, long total, String detail) {
        long now = System.nanoTime();
        boolean finished = total >= 0 && done >= total;
        if (drawn && !finished && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        draw(render(done, total, detail));
    }

    String render(long done, long total, String detail) {
        if (total < 0) {
            return label + "  " + detail;
        }
        double fraction = total == 0 ? 1 : Math.min(1.0, Math.max(0.0, (double) done / total));
        int filled = (int) Math.round(fraction * WIDTH);
        return String.format(Locale.ROOT, "%s [%s%s] %3d%%  %s", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), (int) Math.floor(fraction * 100), detail);
    }

    private void draw(String line) {
        // Pads over the rest of a longer previous line instead of relying on terminal escape codes.
        String padding = " ".repeat(Math.max(0, shownLength - line.length()));
        err.print("\r" + line + padding);
        err.flush();
        shownLength = line.length();
    }

    @Override
    public void close() {
        if (drawn) {
            err.print("\r" + " ".repeat(shownLength) + "\r");
            err.flush();
            drawn = false;
        }
    }
}
