package dev.ante.projections;

import java.util.List;

/** The processing groups, one per read model; these are the names the API's projection endpoints take. */
public final class ProjectionNames {

    public static final String GAME_SUMMARIES = "game-summaries";
    public static final String SYNERGIES = "synergies";
    public static final String STRATEGIES = "strategies";
    public static final String WINNING = "winning";
    public static final String ANTE_STATS = "ante-stats";
    public static final String JOKERS = "jokers";

    /** Every read-model processor. */
    public static final List<String> ALL = List.of(GAME_SUMMARIES, SYNERGIES, STRATEGIES, WINNING, ANTE_STATS,
            JOKERS);

    private ProjectionNames() {
    }
}
