package dev.ante.projections.winning;

import java.util.List;

/** Won games grouped by their sorted final joker set. */
public record WinningBuild(String key, List<String> jokers, long wins, double avgFinalAnte) {
}
