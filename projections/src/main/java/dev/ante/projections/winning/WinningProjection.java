package dev.ante.projections.winning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.GameId;
import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.game.Outcome;
import dev.ante.projections.ProjectionNames;
import dev.ante.projections.support.Averages;
import dev.ante.projections.support.ReadModelBatch;
import dev.ante.projections.support.InChunks;
import dev.ante.projections.support.JokerKeys;
import dev.ante.projections.support.Micros;
import dev.ante.projections.support.Upserts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.SourceId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Winning games and winning builds. A game's agent, strategy, deck, stake and best hand are kept while it
 * runs; a WIN turns them into a winning game and credits its build (the sorted distinct final jokers).
 */
@Component
@ProcessingGroup(ProjectionNames.WINNING)
public class WinningProjection {

    private static final class Progress {
        final String gameId;
        final boolean stored;
        String agentId;
        String strategyId;
        String deck;
        String stake;
        long bestHandScore;
        boolean changed;
        boolean finished;

        Progress(String gameId, boolean stored) {
            this.gameId = gameId;
            this.stored = stored;
        }
    }

    private static final class Build {
        final String hash;
        final String key;
        final List<String> jokers;
        boolean stored;
        long wins;
        long finalAnteSum;

        Build(String hash, String key, List<String> jokers) {
            this.hash = hash;
            this.key = key;
            this.jokers = jokers;
        }
    }

    /** What one game did in this batch, gathered until the flush has loaded its progress row. */
    private static final class GameChanges {
        GameStarted started;
        long bestHandScore = -1;
        GameCompleted completed;
        Instant completedAt;
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper = new ObjectMapper();

    public WinningProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(GameStarted started, @SourceId String stream) {
        changes(stream).started = started;
    }

    @EventHandler
    void on(HandPlayed hand, @SourceId String stream) {
        GameChanges game = changes(stream);
        game.bestHandScore = Math.max(game.bestHandScore, hand.finalScore());
    }

    @EventHandler
    void on(GameCompleted completed, @SourceId String stream, @Timestamp Instant at) {
        GameChanges game = changes(stream);
        game.completed = completed;
        game.completedAt = at;
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM winning_build");
        jdbc.update("DELETE FROM winning_game");
        jdbc.update("DELETE FROM winning_progress");
    }

    private GameChanges changes(String stream) {
        Map<String, GameChanges> batch =
                ReadModelBatch.current(this, jdbc.getDataSource(), LinkedHashMap::new, this::flush);
        return batch.computeIfAbsent(GameId.fromStreamName(stream).value(), g -> new GameChanges());
    }

    private String json(List<String> jokers) {
        try {
            return mapper.writeValueAsString(jokers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void flush(Map<String, GameChanges> batch) {
        Map<String, Progress> games = new HashMap<>();
        InChunks.query(jdbc, "SELECT * FROM winning_progress WHERE game_id", batch.keySet(), (rs, i) -> {
            Progress p = new Progress(rs.getString("game_id"), true);
            p.agentId = rs.getString("agent_id");
            p.strategyId = rs.getString("strategy_id");
            p.deck = rs.getString("deck");
            p.stake = rs.getString("stake");
            p.bestHandScore = rs.getLong("best_hand_score");
            return games.put(p.gameId, p);
        });
        List<Object[]> wins = new ArrayList<>();
        Map<String, Build> builds = new LinkedHashMap<>();
        batch.forEach((gameId, changes) -> {
            Progress game = games.computeIfAbsent(gameId, g -> new Progress(g, false));
            if (changes.started != null) {
                game.agentId = changes.started.agentId();
                game.strategyId = changes.started.strategyId();
                game.deck = changes.started.deck();
                game.stake = changes.started.stake();
                game.changed = true;
            }
            if (changes.bestHandScore > game.bestHandScore) {
                game.bestHandScore = changes.bestHandScore;
                game.changed = true;
            }
            GameCompleted completed = changes.completed;
            if (completed == null) {
                return;
            }
            game.finished = true;
            if (completed.outcome() != Outcome.WIN) {
                return;
            }
            wins.add(new Object[] {game.gameId, game.agentId, game.strategyId, game.deck, game.stake,
                    completed.finalAnte(), game.bestHandScore, json(completed.jokers()), Micros.of(changes.completedAt)});
            List<String> set = JokerKeys.distinctSorted(completed.jokers());
            String key = JokerKeys.key(set);
            String hash = JokerKeys.hash(key);
            Build build = builds.computeIfAbsent(hash, h -> new Build(h, key, set));
            build.wins++;
            build.finalAnteSum += completed.finalAnte();
        });
        InChunks.query(jdbc, "SELECT key_hash, wins, final_ante_sum FROM winning_build WHERE key_hash", builds.keySet(),
                (rs, i) -> {
                    Build b = builds.get(rs.getString("key_hash"));
                    b.stored = true;
                    b.wins += rs.getLong("wins");
                    b.finalAnteSum += rs.getLong("final_ante_sum");
                    return b;
                });

        Upserts progress = new Upserts("INSERT INTO winning_progress (agent_id, strategy_id, deck, stake, "
                + "best_hand_score, game_id) VALUES (?, ?, ?, ?, ?, ?)", "UPDATE winning_progress SET agent_id = ?, "
                + "strategy_id = ?, deck = ?, stake = ?, best_hand_score = ? WHERE game_id = ?");
        List<Object[]> deleteProgress = new ArrayList<>();
        for (Progress p : games.values()) {
            if (p.finished) {
                if (p.stored) {
                    deleteProgress.add(new Object[] {p.gameId});
                }
                continue;
            }
            if (p.stored && !p.changed) {
                continue;
            }
            progress.row(p.stored, p.agentId, p.strategyId, p.deck, p.stake, p.bestHandScore, p.gameId);
        }
        progress.writeTo(jdbc);
        if (!deleteProgress.isEmpty()) {
            // A finished game's progress is no longer needed: it is a winning game now, or nothing.
            jdbc.batchUpdate("DELETE FROM winning_progress WHERE game_id = ?", deleteProgress);
        }
        if (!wins.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO winning_game (game_id, agent_id, strategy_id, deck, stake, final_ante, "
                    + "best_hand_score, jokers, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", wins);
        }
        Upserts buildRows = new Upserts("INSERT INTO winning_build (key_hash, build_key, jokers, wins, final_ante_sum, "
                + "avg_final_ante) VALUES (?, ?, ?, ?, ?, ?)",
                "UPDATE winning_build SET wins = ?, final_ante_sum = ?, avg_final_ante = ? WHERE key_hash = ?");
        for (Build b : builds.values()) {
            double avg = Averages.mean(java.math.BigInteger.valueOf(b.finalAnteSum), b.wins);
            if (b.stored) {
                buildRows.update(b.wins, b.finalAnteSum, avg, b.hash);
            } else {
                buildRows.insert(b.hash, b.key, json(b.jokers), b.wins, b.finalAnteSum, avg);
            }
        }
        buildRows.writeTo(jdbc);
    }
}
