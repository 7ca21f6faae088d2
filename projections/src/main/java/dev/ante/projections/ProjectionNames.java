package dev.ante.projections;

import dev.ante.projections.timeseries.GameSeriesProjection;
import dev.ante.projections.timeseries.LearningSeriesProjection;
import java.util.List;

/**
 * The projections' names: one processing group per read model or time-series writer; these are the names
 * the API's projection endpoints take. Groups share a processor per target store: the read models run in
 * {@value #READ_MODELS}, where each batch of events updates every read model and the one token in one
 * transaction; the time-series writers run in {@value #TIME_SERIES}.
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

    /** The processor that runs the time-series writers' processing groups. */
    public static final String TIME_SERIES = "time-series";

    /** The time-series writers' processing groups. */
    public static final List<String> TIME_SERIES_GROUPS = List.of(GameSeriesProjection.NAME, LearningSeriesProjection.NAME);

    /** The processor that runs the processing group {@code group}: a shared one, or its own. */
    public static String processorOf(String group) {
        if (ALL.contains(group)) {
            return READ_MODELS;
        }
        return TIME_SERIES_GROUPS.contains(group) ? TIME_SERIES : group;
    }

    /** Whether {@code group} shares its processor with other groups. */
    public static boolean shared(String group) {
        return !processorOf(group).equals(group);
    }

    private ProjectionNames() {
    }
}
