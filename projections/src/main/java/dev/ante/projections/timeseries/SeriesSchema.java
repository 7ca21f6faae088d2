package dev.ante.projections.timeseries;

import java.util.List;

/**
 * The QuestDB tables of DESIGN §6, as numbered migrations. Every table is a WAL table partitioned by day
 * on the event's own timestamp, with {@code DEDUP UPSERT KEYS} on (ts, stream id, revision[, index]) so
 * that a replayed or redelivered event overwrites its row instead of adding one.
 */
public final class SeriesSchema {

    /** One schema version: the statements that bring the previous version to this one. */
    public record Migration(int version, String description, List<String> statements) {
    }

    /** Tables written from game streams. */
    public static final List<String> GAME_TABLES =
            List.of("game_metrics", "decision_points", "joker_synergies", "economic_flow", "game_outcomes");

    /** Tables written from learning streams. */
    public static final List<String> LEARNING_TABLES = List.of("learning_metrics");

    private SeriesSchema() {
    }

    /** The migrations in order; {@code ttlDays} is the retention every table gets. */
    public static List<Migration> migrations(int ttlDays) {
        String tail = " TIMESTAMP(ts) PARTITION BY DAY TTL " + ttlDays + " DAYS WAL";
        return List.of(new Migration(1, "the six time-series tables", List.of(
                "CREATE TABLE IF NOT EXISTS game_metrics (ts TIMESTAMP, game_id VARCHAR, seq LONG, agent_id SYMBOL, "
                        + "strategy_id SYMBOL, ante INT, blind_type SYMBOL, hand_number INT, hand_type SYMBOL, "
                        + "base_chips LONG, base_mult DOUBLE, final_chips LONG, final_mult DOUBLE, final_score LONG, "
                        + "money_before INT, money_after INT, jokers_active INT, jokers VARCHAR)"
                        + tail + " DEDUP UPSERT KEYS(ts, game_id, seq)",
                "CREATE TABLE IF NOT EXISTS decision_points (ts TIMESTAMP, game_id VARCHAR, seq LONG, agent_id SYMBOL, "
                        + "strategy_id SYMBOL, ante INT, phase SYMBOL, decision_type SYMBOL, options_available INT, "
                        + "option_selected VARCHAR, confidence DOUBLE, used_llm BOOLEAN, context_hash VARCHAR, "
                        + "time_to_decision_ms INT)" + tail + " DEDUP UPSERT KEYS(ts, game_id, seq)",
                "CREATE TABLE IF NOT EXISTS joker_synergies (ts TIMESTAMP, game_id VARCHAR, seq LONG, idx INT, "
                        + "agent_id SYMBOL, strategy_id SYMBOL, ante INT, joker SYMBOL, effect SYMBOL, value DOUBLE, "
                        + "joker_combination VARCHAR, hand_type SYMBOL, final_score LONG)"
                        + tail + " DEDUP UPSERT KEYS(ts, game_id, seq, idx)",
                "CREATE TABLE IF NOT EXISTS economic_flow (ts TIMESTAMP, game_id VARCHAR, seq LONG, agent_id SYMBOL, "
                        + "strategy_id SYMBOL, ante INT, kind SYMBOL, amount INT, money_after INT, item VARCHAR)"
                        + tail + " DEDUP UPSERT KEYS(ts, game_id, seq)",
                "CREATE TABLE IF NOT EXISTS game_outcomes (ts TIMESTAMP, game_id VARCHAR, seq LONG, agent_id SYMBOL, "
                        + "strategy_id SYMBOL, outcome SYMBOL, final_ante INT, final_money INT, best_hand_score LONG, "
                        + "jokers VARCHAR)" + tail + " DEDUP UPSERT KEYS(ts, game_id, seq)",
                "CREATE TABLE IF NOT EXISTS learning_metrics (ts TIMESTAMP, run_id VARCHAR, seq LONG, step LONG, "
                        + "name SYMBOL, value DOUBLE, strategy_id SYMBOL)" + tail + " DEDUP UPSERT KEYS(ts, run_id, seq)")));
    }
}
