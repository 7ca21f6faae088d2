package dev.ante.projections.rebuild;

import dev.ante.projections.ProjectionNames;
import java.util.List;
import java.util.Map;

/**
 * The tables each read model owns, with their primary keys: what a rebuild copies into shadow tables and
 * swaps back. A read model's processor writes these and no others.
 */
public final class ReadModelTables {

    /** A table and the columns of its primary key. */
    public record Table(String name, List<String> key) {
    }

    private static final Map<String, List<Table>> TABLES = Map.of(
            ProjectionNames.GAME_SUMMARIES, List.of(new Table("game_summary", List.of("game_id"))),
            ProjectionNames.SYNERGIES, List.of(
                    new Table("synergy", List.of("size", "key_hash")),
                    new Table("synergy_game_key", List.of("game_id", "size", "key_hash"))),
            ProjectionNames.STRATEGIES, List.of(
                    new Table("strategy_stats", List.of("strategy_id")),
                    new Table("strategy_game", List.of("game_id")),
                    new Table("strategy_revision", List.of("strategy_id", "revision")),
                    new Table("strategy_evaluation", List.of("strategy_id", "revision"))),
            ProjectionNames.WINNING, List.of(
                    new Table("winning_progress", List.of("game_id")),
                    new Table("winning_game", List.of("game_id")),
                    new Table("winning_build", List.of("key_hash"))),
            ProjectionNames.ANTE_STATS, List.of(new Table("ante_outcome", List.of("final_ante"))),
            ProjectionNames.JOKERS, List.of(new Table("joker_tier", List.of("joker_hash"))));

    private ReadModelTables() {
    }

    /** The tables of the read model {@code processor}; empty for processors that keep no SQL tables. */
    public static List<Table> of(String processor) {
        return TABLES.getOrDefault(processor, List.of());
    }
}
