package dev.ante.projections.strategies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.GameId;
import dev.ante.domain.StrategyId;
import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.game.Outcome;
import dev.ante.domain.strategy.StrategyEvaluated;
import dev.ante.domain.strategy.StrategyRegistered;
import dev.ante.domain.strategy.StrategyRetired;
import dev.ante.domain.strategy.StrategyRevised;
import dev.ante.projections.ProjectionNames;
import dev.ante.projections.support.ColumnLimits;
import dev.ante.projections.support.HeldWrites;
import dev.ante.projections.support.InChunks;
import dev.ante.projections.support.Micros;
import dev.ante.projections.support.ReadModelBatch;
import dev.ante.projections.support.Upserts;
import dev.ante.projections.support.Wilson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.SourceId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The strategy leaderboard and strategy details: game statistics per strategyId named in GameStarted,
 * joined with the strategy streams' registrations, revisions, evaluations and retirements.
 *
 * <p>Built for a rebuild ({@link #holding}), it settles each unit as the live projection would and holds the
 * result in memory (the strategies' rows, which game plays for which strategy, the new revisions and
 * evaluations) until {@link #writeHeld}: a strategy's row, which every completed game of the unit changes, is then
 * written once per write instead of once per unit.
 */
@Component
@ProcessingGroup(ProjectionNames.STRATEGIES)
public class StrategyProjection implements HeldWrites {

    private static final String COLUMNS = "name, agent_id, model_version, registered_model_version, parameters, "
            + "registered_at, retired_at, "
            + "retired_reason, games, completed, wins, losses, final_ante_sum, best_hand_score, win_rate, wilson";
    private static final String INSERT = "INSERT INTO strategy_stats (" + COLUMNS + ", strategy_id) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE strategy_stats SET name = ?, agent_id = ?, model_version = ?, "
            + "registered_model_version = ?, parameters = ?, registered_at = ?, retired_at = ?, retired_reason = ?, games = ?, completed = ?, "
            + "wins = ?, losses = ?, final_ante_sum = ?, best_hand_score = ?, win_rate = ?, wilson = ? "
            + "WHERE strategy_id = ?";

    private static final class Stats {
        final String strategyId;
        final boolean stored;
        String name;
        String agentId;
        String modelVersion;
        String registeredModelVersion;
        String parameters;
        Long registeredAt;
        Long retiredAt;
        String retiredReason;
        long games;
        long completed;
        long wins;
        long losses;
        long finalAnteSum;
        long bestHandScore;

        Stats(String strategyId, boolean stored) {
            this.strategyId = strategyId;
            this.stored = stored;
        }

        Stats copy() {
            Stats c = new Stats(strategyId, stored);
            c.name = name;
            c.agentId = agentId;
            c.modelVersion = modelVersion;
            c.registeredModelVersion = registeredModelVersion;
            c.parameters = parameters;
            c.registeredAt = registeredAt;
            c.retiredAt = retiredAt;
            c.retiredReason = retiredReason;
            c.games = games;
            c.completed = completed;
            c.wins = wins;
            c.losses = losses;
            c.finalAnteSum = finalAnteSum;
            c.bestHandScore = bestHandScore;
            return c;
        }
    }

    /** What a game did in this batch, credited to its strategy once the flush knows which that is. */
    private static final class GamePlay {
        long bestHandScore = -1;
        int completed;
        long finalAnteSum;
        int wins;
        int losses;
    }

    private static final class Buffer {
        final Map<String, Stats> stats = new HashMap<>();
        final Map<String, String> strategyOfGame = new HashMap<>();
        final Map<String, GamePlay> plays = new HashMap<>();
        final List<Object[]> newGames = new ArrayList<>();
        final List<Object[]> revisions = new ArrayList<>();
        final List<Object[]> evaluations = new ArrayList<>();
    }

    /** What a rebuild's projection holds between writes: the settled units, as the tables would hold them. */
    private static final class Held {
        final Map<String, Stats> stats = new HashMap<>();
        final Map<String, String> strategyOfGame = new HashMap<>();
        final List<Object[]> newGames = new ArrayList<>();
        final List<Object[]> revisions = new ArrayList<>();
        final List<Object[]> evaluations = new ArrayList<>();

        int size() {
            return stats.size() + strategyOfGame.size() + revisions.size() + evaluations.size();
        }
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper = new ObjectMapper();
    /** Null unless built for a rebuild. */
    private final Held held;
    private final int heldBound;
    private boolean startedEmpty;
    private Map<String, ColumnLimits> limits;

    @org.springframework.beans.factory.annotation.Autowired
    public StrategyProjection(JdbcTemplate jdbc) {
        this(jdbc, 0);
    }

    private StrategyProjection(JdbcTemplate jdbc, int heldBound) {
        this.jdbc = jdbc;
        this.held = heldBound > 0 ? new Held() : null;
        this.heldBound = heldBound;
    }

    /**
     * A projection for a rebuild that holds what its units settle until {@link #writeHeld}, and reports itself
     * {@link #full} once it holds {@code bound} entries (strategies, games, revisions and evaluations, about a
     * game's worth of memory each). It starts on empty tables, as a rebuild's shadow tables are.
     */
    public static StrategyProjection holding(JdbcTemplate jdbc, int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be positive");
        }
        return new StrategyProjection(jdbc, bound);
    }

    @Override
    public boolean full() {
        return held != null && held.size() >= heldBound;
    }

    @Override
    public void writeHeld() {
        if (held == null || held.size() == 0) {
            return;
        }
        Buffer all = new Buffer();
        all.stats.putAll(held.stats);
        // The games, the one large table, in the order of its key, so that the write goes through its pages in order.
        held.newGames.sort(java.util.Comparator.comparing(row -> (String) row[0]));
        all.newGames.addAll(held.newGames);
        all.revisions.addAll(held.revisions);
        all.evaluations.addAll(held.evaluations);
        write(all);
        held.stats.clear();
        held.strategyOfGame.clear();
        held.newGames.clear();
        held.revisions.clear();
        held.evaluations.clear();
    }

    @EventHandler
    void on(GameStarted started, @SourceId String stream) {
        if (started.strategyId() == null) {
            return;
        }
        Buffer buffer = buffer();
        String gameId = GameId.fromStreamName(stream).value();
        buffer.strategyOfGame.put(gameId, started.strategyId());
        buffer.newGames.add(new Object[] {gameId, started.strategyId()});
        stats(buffer, started.strategyId()).games++;
    }

    @EventHandler
    void on(HandPlayed hand, @SourceId String stream) {
        GamePlay play = play(buffer(), stream);
        play.bestHandScore = Math.max(play.bestHandScore, hand.finalScore());
    }

    @EventHandler
    void on(GameCompleted completed, @SourceId String stream) {
        GamePlay play = play(buffer(), stream);
        play.completed++;
        play.finalAnteSum += completed.finalAnte();
        if (completed.outcome() == Outcome.WIN) {
            play.wins++;
        } else if (completed.outcome() == Outcome.LOSS) {
            play.losses++;
        }
    }

    @EventHandler
    void on(StrategyRegistered registered, @SourceId String stream, @Timestamp Instant at) {
        Stats stats = stats(buffer(), StrategyId.fromStreamName(stream).value());
        stats.name = registered.name();
        stats.agentId = registered.agentId();
        stats.modelVersion = registered.modelVersion();
        stats.registeredModelVersion = registered.modelVersion();
        stats.parameters = json(registered.parameters());
        stats.registeredAt = Micros.of(at);
    }

    @EventHandler
    void on(StrategyRevised revised, @SourceId String stream, @SequenceNumber long revision, @Timestamp Instant at) {
        Buffer buffer = buffer();
        String strategyId = StrategyId.fromStreamName(stream).value();
        Stats stats = stats(buffer, strategyId);
        if (revised.modelVersion() != null) {
            stats.modelVersion = revised.modelVersion();
        }
        buffer.revisions.add(new Object[] {strategyId, revision, revised.modelVersion(), json(revised.parameters()),
                revised.reason(), Micros.of(at)});
    }

    @EventHandler
    void on(StrategyEvaluated evaluated, @SourceId String stream, @SequenceNumber long revision, @Timestamp Instant at) {
        Buffer buffer = buffer();
        buffer.evaluations.add(new Object[] {StrategyId.fromStreamName(stream).value(), revision,
                evaluated.gamesPlayed(), evaluated.wins(), evaluated.avgFinalAnte(), Micros.of(at)});
    }

    @EventHandler
    void on(StrategyRetired retired, @SourceId String stream, @Timestamp Instant at) {
        Stats stats = stats(buffer(), StrategyId.fromStreamName(stream).value());
        stats.retiredAt = Micros.of(at);
        stats.retiredReason = retired.reason();
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM strategy_evaluation");
        jdbc.update("DELETE FROM strategy_revision");
        jdbc.update("DELETE FROM strategy_game");
        jdbc.update("DELETE FROM strategy_stats");
    }

    private Buffer buffer() {
        return ReadModelBatch.current(this, jdbc.getDataSource(), Buffer::new, held == null ? this::flush : this::hold);
    }

    private GamePlay play(Buffer buffer, String stream) {
        return buffer.plays.computeIfAbsent(GameId.fromStreamName(stream).value(), g -> new GamePlay());
    }

    /** Credits each game's hands and outcome to its strategy, looking up the games started before the batch. */
    private void creditGames(Buffer buffer) {
        List<String> unknown = buffer.plays.keySet().stream().filter(g -> !buffer.strategyOfGame.containsKey(g)
                && (held == null || !held.strategyOfGame.containsKey(g))).toList();
        Map<String, String> stored = new HashMap<>();
        InChunks.query(jdbc, "SELECT game_id, strategy_id FROM strategy_game WHERE game_id", unknown,
                (rs, i) -> stored.put(rs.getString("game_id"), rs.getString("strategy_id")));
        buffer.plays.forEach((gameId, play) -> {
            String strategy = buffer.strategyOfGame.get(gameId);
            if (strategy == null && held != null) {
                strategy = held.strategyOfGame.get(gameId);
            }
            if (strategy == null) {
                strategy = stored.get(gameId);
            }
            if (strategy == null) {
                return;
            }
            Stats stats = stats(buffer, strategy);
            stats.bestHandScore = Math.max(stats.bestHandScore, play.bestHandScore);
            stats.completed += play.completed;
            stats.finalAnteSum += play.finalAnteSum;
            stats.wins += play.wins;
            stats.losses += play.losses;
        });
    }

    private Stats stats(Buffer buffer, String strategyId) {
        // A unit works on copies of the held rows: they replace the held ones only once the whole unit is settled.
        Stats heldStats = held == null || buffer.stats.containsKey(strategyId) ? null : held.stats.get(strategyId);
        if (heldStats != null) {
            Stats copy = heldStats.copy();
            buffer.stats.put(strategyId, copy);
            return copy;
        }
        return buffer.stats.computeIfAbsent(strategyId, id -> jdbc.query(
                "SELECT " + COLUMNS + " FROM strategy_stats WHERE strategy_id = ?", (rs, i) -> {
                    Stats s = new Stats(id, true);
                    s.name = rs.getString("name");
                    s.agentId = rs.getString("agent_id");
                    s.modelVersion = rs.getString("model_version");
                    s.registeredModelVersion = rs.getString("registered_model_version");
                    s.parameters = rs.getString("parameters");
                    s.registeredAt = Micros.nullableLong(rs, "registered_at");
                    s.retiredAt = Micros.nullableLong(rs, "retired_at");
                    s.retiredReason = rs.getString("retired_reason");
                    s.games = rs.getLong("games");
                    s.completed = rs.getLong("completed");
                    s.wins = rs.getLong("wins");
                    s.losses = rs.getLong("losses");
                    s.finalAnteSum = rs.getLong("final_ante_sum");
                    s.bestHandScore = rs.getLong("best_hand_score");
                    return s;
                }, id).stream().findFirst().orElseGet(() -> new Stats(id, false)));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strategy parameters are not serializable", e);
        }
    }

    private void flush(Buffer buffer) {
        creditGames(buffer);
        write(buffer);
    }

    /**
     * Settles a unit against what is held, checks every value against its column (so that a value the table
     * would refuse fails the unit's event, as the live projection's write would), and holds the result: all of
     * it, or nothing if a check fails.
     */
    private void hold(Buffer buffer) {
        if (!startedEmpty) {
            List<String> tables = List.of("strategy_stats", "strategy_game", "strategy_revision", "strategy_evaluation");
            tables.forEach(table -> HeldWrites.requireEmpty(jdbc, table));
            startedEmpty = true;
            limits = new HashMap<>();
            tables.forEach(table -> limits.put(table, ColumnLimits.of(jdbc, table)));
        }
        creditGames(buffer);
        for (Stats s : buffer.stats.values()) {
            check("strategy_stats", COLUMN_NAMES, statsValues(s));
        }
        for (Object[] row : buffer.newGames) {
            check("strategy_game", List.of("game_id", "strategy_id"), row);
        }
        for (Object[] row : buffer.revisions) {
            check("strategy_revision", REVISION_COLUMNS, row);
        }
        for (Object[] row : buffer.evaluations) {
            check("strategy_evaluation", List.of("strategy_id"), new Object[] {row[0]});
        }
        held.stats.putAll(buffer.stats);
        for (Object[] game : buffer.newGames) {
            held.strategyOfGame.put((String) game[0], (String) game[1]);
        }
        held.newGames.addAll(buffer.newGames);
        held.revisions.addAll(buffer.revisions);
        held.evaluations.addAll(buffer.evaluations);
    }

    private static final List<String> COLUMN_NAMES = java.util.Arrays.stream((COLUMNS + ", strategy_id").split(","))
            .map(String::trim).toList();
    private static final List<String> REVISION_COLUMNS = List.of("strategy_id", "revision", "model_version",
            "parameters", "reason", "occurred_at");

    private void check(String table, List<String> columns, Object[] values) {
        ColumnLimits columnLimits = limits.get(table);
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof String text) {
                columnLimits.check(columns.get(i), text);
            }
        }
    }

    private static Object[] statsValues(Stats s) {
        return new Object[] {s.name, s.agentId, s.modelVersion, s.registeredModelVersion, s.parameters, s.registeredAt,
                s.retiredAt, s.retiredReason, s.games, s.completed, s.wins, s.losses, s.finalAnteSum, s.bestHandScore,
                Wilson.winRate(s.wins, s.losses), Wilson.lowerBound(s.wins, s.losses), s.strategyId};
    }

    private void write(Buffer buffer) {
        Upserts rows = new Upserts(INSERT, UPDATE);
        for (Stats s : buffer.stats.values()) {
            rows.row(s.stored, statsValues(s));
        }
        rows.writeTo(jdbc);
        if (!buffer.newGames.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO strategy_game (game_id, strategy_id) VALUES (?, ?)", buffer.newGames);
        }
        if (!buffer.revisions.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO strategy_revision (strategy_id, revision, model_version, parameters, reason, "
                    + "occurred_at) VALUES (?, ?, ?, ?, ?, ?)", buffer.revisions);
        }
        if (!buffer.evaluations.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO strategy_evaluation (strategy_id, revision, games_played, wins, avg_final_ante, "
                    + "occurred_at) VALUES (?, ?, ?, ?, ?, ?)", buffer.evaluations);
        }
    }
}
