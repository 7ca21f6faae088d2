package dev.ante.projections;

import java.util.List;

/**
 * The processing groups, one per read model; these are the names the API's projection endpoints take.
 * All of them run in one processor, {@value #READ_MODELS}: each batch of events updates every read model
 * and the processor's one token in one transaction.
 */
public final class ProjectionNames {

    /** The processor that runs every read model's processing group. */
    public static final String READ_MODELS = "read-models";

    public static final String GAME_SUMMARIES = "game-summaries";
    public static final String SYNERGIES = "synergies";
    public static final String STRATEGIES = "strategies";
    public static final String WINNING = "winning";
    public static final String ANTE_STATS = "ante-stats";

    /** Every read model's processing group. */
    public static final List<String> ALL = List.of(GAME_SUMMARIES, SYNERGIES, STRATEGIES, WINNING, ANTE_STATS);

    private ProjectionNames() {
    }
}
