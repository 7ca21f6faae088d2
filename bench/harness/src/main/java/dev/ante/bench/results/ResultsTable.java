package dev.ante.bench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders results as a Markdown table that reads well in a terminal too. */
public final class ResultsTable {

    private ResultsTable() {
    }

    public static String render(Results results) {
        StringBuilder out = new StringBuilder();
        Machine m = results.machine();
        out.append(String.format(Locale.ROOT, "Ante benchmarks, %s mode, %s; %d cores (%s), %.1f GB, %s, %s;"
                        + " load average at start %s; %.0f s%n%n", results.mode(), results.startedAt(), m.cores(),
                m.cpu(), m.memoryBytes() / 1e9, m.jdk(), m.os(), m.loadAverage(), results.durationSeconds()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"workload", "value", "p50", "p99", "peer", "ratio", "target"});
        for (Workload w : results.workloads()) {
            rows.add(new String[] {
                w.name(),
                number(w.value()) + " " + w.unit(),
                w.p50() == null ? "" : number(w.p50()),
                w.p99() == null ? "" : number(w.p99()),
                w.peerValue() == null ? "" : peerName(w.peer()) + " " + number(w.peerValue()) + " " + w.unit(),
                w.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f×", w.ratio()),
                w.target() == null ? "" : w.target() + (Boolean.TRUE.equals(w.meetsTarget()) ? " ✓" : " ✗")});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            out.append('|');
            for (int i = 0; i < widths.length; i++) {
                String cell = rows.get(r)[i];
                out.append(' ').append(i == 0 ? pad(cell, widths[i]) : padLeft(cell, widths[i])).append(" |");
            }
            out.append('\n');
            if (r == 0) {
                out.append('|');
                for (int i = 0; i < widths.length; i++) {
                    out.append(i == 0 ? "-".repeat(widths[i] + 2) : "-".repeat(widths[i] + 1) + ":").append('|');
                }
                out.append('\n');
            }
        }
        if (!results.notes().isEmpty()) {
            out.append('\n');
            results.notes().forEach(n -> out.append("- ").append(n).append('\n'));
        }
        return out.toString();
    }

    static String number(double v) {
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(width - s.length()) + s;
    }

    private static String peerName(String peer) {
        return peer + ":";
    }
}
