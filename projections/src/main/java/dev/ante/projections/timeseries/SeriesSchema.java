package dev.ante.projections.timeseries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The QuestDB tables Ante owns, as data: every table is a WAL table partitioned by day on the event's own
 * timestamp {@code ts}, with {@code DEDUP UPSERT KEYS} on (ts, stream id, revision[, index]) so that a
 * replayed or redelivered event overwrites its row instead of adding one, and a TTL. The statements that
 * create them and the check that a live table still has this shape (docs/questdb.md) both come from here.
 */
public final class SeriesSchema {

    /** One column: its name and QuestDB type as {@code table_columns()} reports it. */
    public record Column(String name, String type) {
    }

    /** One table: its columns in order and the columns of its dedup key besides {@code ts}. */
    public record Table(String name, List<Column> columns, List<String> upsertKeys) {

        /** The statement that creates the table with every property Ante relies on. */
        public String createStatement(int ttlDays) {
            return createStatement(ttlDays, List.of());
        }

        /** The same, without {@code later} columns, which a later schema version adds. */
        String createStatement(int ttlDays, List<String> later) {
            String columnList = columns.stream().filter(c -> !later.contains(c.name()))
                    .map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", "));
            return "CREATE TABLE IF NOT EXISTS " + name + " (" + columnList + ") TIMESTAMP(ts) PARTITION BY DAY TTL "
                    + ttlDays + " DAYS WAL DEDUP UPSERT KEYS(" + String.join(", ", upsertKeys) + ")";
        }

        /** Column name → type. */
        public Map<String, String> types() {
            Map<String, String> types = new LinkedHashMap<>();
            columns.forEach(c -> types.put(c.name(), c.type()));
            return types;
        }
    }

    /** One schema version: the statements that bring the previous version to this one. */
    public record Migration(int version, String description, List<String> statements) {
    }

    public static final Table GAME_METRICS = table("game_metrics", List.of("ts", "game_id", "seq"),
            "ts TIMESTAMP", "game_id VARCHAR", "seq LONG", "agent_id SYMBOL", "strategy_id SYMBOL",
            "deck SYMBOL", "stake SYMBOL", "ante INT",
            "blind_type SYMBOL", "hand_number INT", "hand_type SYMBOL", "base_chips LONG", "base_mult DOUBLE",
            "final_chips LONG", "final_mult DOUBLE", "final_score LONG", "money_before INT", "money_after INT",
            "jokers_active INT", "jokers VARCHAR");

    public static final Table DECISION_POINTS = table("decision_points", List.of("ts", "game_id", "seq"),
            "ts TIMESTAMP", "game_id VARCHAR", "seq LONG", "agent_id SYMBOL", "strategy_id SYMBOL",
            "deck SYMBOL", "stake SYMBOL", "ante INT",
            "phase SYMBOL", "decision_type SYMBOL", "options_available INT", "option_selected VARCHAR",
            "confidence DOUBLE", "used_llm BOOLEAN", "context_hash VARCHAR", "time_to_decision_ms INT");

    public static final Table JOKER_SYNERGIES = table("joker_synergies", List.of("ts", "game_id", "seq", "idx"),
            "ts TIMESTAMP", "game_id VARCHAR", "seq LONG", "idx INT", "agent_id SYMBOL", "strategy_id SYMBOL",
            "deck SYMBOL", "stake SYMBOL", "ante INT", "joker SYMBOL", "effect SYMBOL", "value DOUBLE",
            "joker_combination VARCHAR",
            "hand_type SYMBOL", "final_score LONG");

    public static final Table ECONOMIC_FLOW = table("economic_flow", List.of("ts", "game_id", "seq"),
            "ts TIMESTAMP", "game_id VARCHAR", "seq LONG", "agent_id SYMBOL", "strategy_id SYMBOL",
            "deck SYMBOL", "stake SYMBOL", "ante INT",
            "kind SYMBOL", "amount INT", "money_after INT", "item VARCHAR");

    public static final Table GAME_OUTCOMES = table("game_outcomes", List.of("ts", "game_id", "seq"),
            "ts TIMESTAMP", "game_id VARCHAR", "seq LONG", "agent_id SYMBOL", "strategy_id SYMBOL", "deck SYMBOL",
            "stake SYMBOL", "outcome SYMBOL",
            "final_ante INT", "final_money INT", "best_hand_score LONG", "jokers VARCHAR");

    public static final Table LEARNING_METRICS_TABLE = table("learning_metrics", List.of("ts", "run_id", "seq"),
            "ts TIMESTAMP", "run_id VARCHAR", "seq LONG", "step LONG", "name SYMBOL", "value DOUBLE",
            "strategy_id SYMBOL");

    /** Tables written from game streams, by the processor {@code questdb-games}. */
    public static final List<Table> GAME = List.of(GAME_METRICS, DECISION_POINTS, JOKER_SYNERGIES, ECONOMIC_FLOW,
            GAME_OUTCOMES);

    /** Tables written from learning streams, by the processor {@code questdb-learning}. */
    public static final List<Table> LEARNING = List.of(LEARNING_METRICS_TABLE);

    /** Every table Ante owns. */
    public static final List<Table> ALL = List.of(GAME_METRICS, DECISION_POINTS, JOKER_SYNERGIES, ECONOMIC_FLOW,
            GAME_OUTCOMES, LEARNING_METRICS_TABLE);

    /** Names of the tables written from game streams. */
    public static final List<String> GAME_TABLES = GAME.stream().map(Table::name).toList();

    /** Names of the tables written from learning streams. */
    public static final List<String> LEARNING_TABLES = LEARNING.stream().map(Table::name).toList();

    private SeriesSchema() {
    }

    private static Table table(String name, List<String> upsertKeys, String... columns) {
        List<Column> list = java.util.Arrays.stream(columns).map(c -> {
            String[] parts = c.split(" ");
            return new Column(parts[0], parts[1]);
        }).toList();
        return new Table(name, list, upsertKeys);
    }

    /** The migrations in order; {@code ttlDays} is the retention every table gets. */
    public static List<Migration> migrations(int ttlDays) {
        // Each version creates or changes what it did when it was written, so that a new installation and an
        // upgraded one pass through the same states (QuestDB refuses to add a column a WAL table already has).
        List<String> version2 = List.of("deck", "stake");
        List<String> deckAndStake = new ArrayList<>();
        for (Table table : GAME) {
            deckAndStake.add("ALTER TABLE " + table.name() + " ADD COLUMN deck SYMBOL");
            deckAndStake.add("ALTER TABLE " + table.name() + " ADD COLUMN stake SYMBOL");
        }
        return List.of(new Migration(1, "the six time-series tables",
                        ALL.stream().map(t -> t.createStatement(ttlDays, version2)).toList()),
                new Migration(2, "the deck and stake of the game on every game row", deckAndStake));
    }
}
