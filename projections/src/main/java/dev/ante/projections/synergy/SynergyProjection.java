package dev.ante.projections.synergy;

import dev.ante.domain.GameId;
import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.game.Outcome;
import dev.ante.projections.ProjectionNames;
import dev.ante.projections.support.Averages;
import dev.ante.projections.support.Batch;
import dev.ante.projections.support.JokerKeys;
import dev.ante.projections.support.Wilson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.SourceId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Joker synergies. Each HandPlayed credits its distinct jokers as singles, every unordered pair of them,
 * and the whole set; each game remembers which keys it played, so that its outcome is credited to each of
 * them once when it completes.
 */
@Component
@ProcessingGroup(ProjectionNames.SYNERGIES)
public class SynergyProjection {

    private static final String SELECT_KEY = "SELECT joker_key, hands, score_sum, high_score_hands, games, wins, losses "
            + "FROM synergy WHERE size = ? AND key_hash = ?";
    private static final String INSERT_KEY = "INSERT INTO synergy (joker_key, hands, score_sum, avg_score, "
            + "high_score_hands, games, wins, losses, win_rate, wilson, size, key_hash, jokers) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_KEY = "UPDATE synergy SET joker_key = ?, hands = ?, score_sum = ?, avg_score = ?, "
            + "high_score_hands = ?, games = ?, wins = ?, losses = ?, win_rate = ?, wilson = ? "
            + "WHERE size = ? AND key_hash = ?";

    private record KeyId(SynergySize size, String hash) {
    }

    private static final class KeyRow {
        final KeyId id;
        final String key;
        List<String> jokers;
        final boolean stored;
        long hands;
        BigInteger scoreSum = BigInteger.ZERO;
        long highScoreHands;
        long games;
        long wins;
        long losses;

        KeyRow(KeyId id, String key, boolean stored) {
            this.id = id;
            this.key = key;
            this.stored = stored;
        }
    }

    private static final class GameKeys {
        final Set<KeyId> stored;
        final Set<KeyId> added = new HashSet<>();
        boolean completed;

        GameKeys(Set<KeyId> stored) {
            this.stored = stored;
        }

        boolean has(KeyId id) {
            return stored.contains(id) || added.contains(id);
        }
    }

    private static final class Buffer {
        final Map<KeyId, KeyRow> keys = new HashMap<>();
        final Map<String, GameKeys> games = new HashMap<>();
    }

    private final JdbcTemplate jdbc;
    private final long highScoreThreshold;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();

    public SynergyProjection(JdbcTemplate jdbc,
                             @Value("${ante.read-models.high-score-threshold:10000}") long highScoreThreshold) {
        this.jdbc = jdbc;
        this.highScoreThreshold = highScoreThreshold;
    }

    @EventHandler
    void on(HandPlayed hand, @SourceId String stream) {
        List<String> set = JokerKeys.distinctSorted(hand.jokers());
        if (set.isEmpty()) {
            return;
        }
        Buffer buffer = buffer();
        GameKeys game = game(buffer, GameId.fromStreamName(stream).value());
        for (String joker : set) {
            credit(buffer, game, SynergySize.SINGLE, List.of(joker), hand.finalScore());
        }
        for (List<String> pair : JokerKeys.pairs(set)) {
            credit(buffer, game, SynergySize.PAIR, pair, hand.finalScore());
        }
        credit(buffer, game, SynergySize.SET, set, hand.finalScore());
    }

    @EventHandler
    void on(GameCompleted completed, @SourceId String stream) {
        Buffer buffer = buffer();
        GameKeys game = game(buffer, GameId.fromStreamName(stream).value());
        game.completed = true;
        if (completed.outcome() == Outcome.ABANDONED) {
            return;
        }
        boolean won = completed.outcome() == Outcome.WIN;
        List<KeyId> played = new ArrayList<>(game.stored);
        played.addAll(game.added);
        for (KeyId id : played) {
            KeyRow row = key(buffer, id, null);
            if (won) {
                row.wins++;
            } else {
                row.losses++;
            }
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM synergy_game_key");
        jdbc.update("DELETE FROM synergy");
    }

    private Buffer buffer() {
        return Batch.current(this, Buffer::new, this::flush);
    }

    private void credit(Buffer buffer, GameKeys game, SynergySize size, List<String> jokers, long score) {
        String key = JokerKeys.key(jokers);
        KeyId id = new KeyId(size, JokerKeys.hash(key));
        KeyRow row = key(buffer, id, key);
        row.jokers = jokers;
        row.hands++;
        row.scoreSum = row.scoreSum.add(BigInteger.valueOf(score));
        if (score > highScoreThreshold) {
            row.highScoreHands++;
        }
        if (!game.has(id)) {
            game.added.add(id);
            row.games++;
        }
    }

    private KeyRow key(Buffer buffer, KeyId id, String key) {
        return buffer.keys.computeIfAbsent(id, k -> {
            List<KeyRow> rows = jdbc.query(SELECT_KEY, (rs, i) -> {
                KeyRow row = new KeyRow(id, rs.getString("joker_key"), true);
                row.hands = rs.getLong("hands");
                row.scoreSum = rs.getBigDecimal("score_sum").toBigIntegerExact();
                row.highScoreHands = rs.getLong("high_score_hands");
                row.games = rs.getLong("games");
                row.wins = rs.getLong("wins");
                row.losses = rs.getLong("losses");
                return row;
            }, id.size().name(), id.hash());
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            if (key == null) {
                throw new IllegalStateException("synergy key " + id + " is credited to a game but not stored");
            }
            return new KeyRow(id, key, false);
        });
    }

    private GameKeys game(Buffer buffer, String gameId) {
        return buffer.games.computeIfAbsent(gameId, g -> new GameKeys(new HashSet<>(jdbc.query(
                "SELECT size, key_hash FROM synergy_game_key WHERE game_id = ?",
                (rs, i) -> new KeyId(SynergySize.valueOf(rs.getString("size")), rs.getString("key_hash")), g))));
    }

    /** The key's names as a JSON array, so names holding {@code +} survive the round trip. */
    private String json(List<String> jokers) {
        try {
            return mapper.writeValueAsString(jokers);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void flush(Buffer buffer) {
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (KeyRow row : buffer.keys.values()) {
            double avg = Averages.mean(row.scoreSum, row.hands);
            Object[] values = {row.key, row.hands, new BigDecimal(row.scoreSum), avg, row.highScoreHands, row.games,
                    row.wins, row.losses, Wilson.winRate(row.wins, row.losses), Wilson.lowerBound(row.wins, row.losses),
                    row.id.size().name(), row.id.hash()};
            if (row.stored) {
                updates.add(values);
            } else {
                Object[] withJokers = java.util.Arrays.copyOf(values, values.length + 1);
                withJokers[values.length] = json(row.jokers);
                inserts.add(withJokers);
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate(INSERT_KEY, inserts);
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(UPDATE_KEY, updates);
        }
        List<Object[]> newGameKeys = new ArrayList<>();
        List<Object[]> finishedGames = new ArrayList<>();
        buffer.games.forEach((gameId, game) -> {
            if (game.completed) {
                finishedGames.add(new Object[] {gameId});
            } else {
                game.added.forEach(id -> newGameKeys.add(new Object[] {gameId, id.size().name(), id.hash()}));
            }
        });
        if (!newGameKeys.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO synergy_game_key (game_id, size, key_hash) VALUES (?, ?, ?)", newGameKeys);
        }
        if (!finishedGames.isEmpty()) {
            // A completed game takes no more hands, so its keys are no longer needed.
            jdbc.batchUpdate("DELETE FROM synergy_game_key WHERE game_id = ?", finishedGames);
        }
    }
}
