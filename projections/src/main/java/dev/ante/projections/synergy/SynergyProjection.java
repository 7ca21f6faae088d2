package dev.ante.projections.synergy;

import dev.ante.domain.GameId;
import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.game.Outcome;
import dev.ante.projections.ProjectionNames;
import dev.ante.projections.support.Averages;
import dev.ante.projections.support.Batch;
import dev.ante.projections.support.InChunks;
import dev.ante.projections.support.JokerKeys;
import dev.ante.projections.support.Wilson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
 *
 * <p>Handlers only gather a batch's changes in memory; the flush loads every row the batch touches with a
 * few multi-key queries, adds the changes, and writes each changed row once.
 */
@Component
@ProcessingGroup(ProjectionNames.SYNERGIES)
public class SynergyProjection {

    private static final String SELECT_KEYS = "SELECT size, key_hash, joker_key, hands, score_sum, high_score_hands, "
            + "games, wins, losses FROM synergy WHERE (size, key_hash)";
    private static final String SELECT_GAME_KEYS = "SELECT game_id, size, key_hash FROM synergy_game_key WHERE game_id";
    private static final String INSERT_KEY = "INSERT INTO synergy (joker_key, hands, score_sum, avg_score, "
            + "high_score_hands, games, wins, losses, win_rate, wilson, size, key_hash, jokers) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_KEY = "UPDATE synergy SET hands = ?, score_sum = ?, avg_score = ?, "
            + "high_score_hands = ?, games = ?, wins = ?, losses = ?, win_rate = ?, wilson = ? "
            + "WHERE size = ? AND key_hash = ?";

    private record KeyId(SynergySize size, String hash) {
    }

    /** A key's totals: its stored values (if any) plus what this batch adds. */
    private static final class KeyRow {
        final KeyId id;
        final String key;
        final List<String> jokers;
        boolean stored;
        long hands;
        BigInteger scoreSum = BigInteger.ZERO;
        long highScoreHands;
        long games;
        long wins;
        long losses;

        KeyRow(KeyId id, String key, List<String> jokers) {
            this.id = id;
            this.key = key;
            this.jokers = jokers;
        }
    }

    /** What one game did in this batch: the keys its hands played (in order) and how it ended, if it did. */
    private static final class GameKeys {
        final Set<KeyId> played = new LinkedHashSet<>();
        Outcome outcome;
    }

    private static final class Buffer {
        final Map<KeyId, KeyRow> keys = new HashMap<>();
        /** Each key's id, so a key played in many hands of the batch is hashed once. */
        final Map<String, KeyId> ids = new HashMap<>();
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
        GameKeys game = buffer.games.computeIfAbsent(GameId.fromStreamName(stream).value(), g -> new GameKeys());
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
        buffer().games.computeIfAbsent(GameId.fromStreamName(stream).value(), g -> new GameKeys()).outcome =
                completed.outcome();
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
        KeyId id = buffer.ids.computeIfAbsent(size.name() + ':' + key, k -> new KeyId(size, JokerKeys.hash(key)));
        KeyRow row = buffer.keys.computeIfAbsent(id, k -> new KeyRow(k, key, jokers));
        row.hands++;
        row.scoreSum = row.scoreSum.add(BigInteger.valueOf(score));
        if (score > highScoreThreshold) {
            row.highScoreHands++;
        }
        game.played.add(id);
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
        // Keys each game of the batch had played before it.
        Map<String, Set<KeyId>> before = new HashMap<>();
        InChunks.query(jdbc, SELECT_GAME_KEYS, buffer.games.keySet(), (rs, i) -> before
                .computeIfAbsent(rs.getString("game_id"), g -> new HashSet<>())
                .add(new KeyId(SynergySize.valueOf(rs.getString("size")), rs.getString("key_hash"))));

        // A game's first hand with a key counts the game once for that key.
        buffer.games.forEach((gameId, game) -> {
            Set<KeyId> earlier = before.getOrDefault(gameId, Set.of());
            for (KeyId id : game.played) {
                if (!earlier.contains(id)) {
                    buffer.keys.get(id).games++;
                }
            }
        });

        // A completed game's outcome goes to every key it ever played, including keys no hand of this batch
        // touched: those rows join the batch with no other change.
        Map<KeyId, KeyRow> rows = buffer.keys;
        List<KeyId> outcomeOnly = new ArrayList<>();
        buffer.games.forEach((gameId, game) -> {
            if (game.outcome != null && game.outcome != Outcome.ABANDONED) {
                for (KeyId id : before.getOrDefault(gameId, Set.of())) {
                    if (!rows.containsKey(id)) {
                        outcomeOnly.add(id);
                        rows.put(id, new KeyRow(id, null, null));
                    }
                }
            }
        });

        List<List<String>> ids = new ArrayList<>(rows.size());
        rows.keySet().forEach(id -> ids.add(List.of(id.size().name(), id.hash())));
        InChunks.queryComposite(jdbc, SELECT_KEYS, ids, 2, (rs, i) -> {
            KeyRow row = rows.get(new KeyId(SynergySize.valueOf(rs.getString("size")), rs.getString("key_hash")));
            if (row != null) {
                if (row.key != null && !row.key.equals(rs.getString("joker_key"))) {
                    throw new IllegalStateException("synergy keys " + row.key + " and " + rs.getString("joker_key")
                            + " share the hash " + row.id.hash());
                }
                row.stored = true;
                row.hands += rs.getLong("hands");
                row.scoreSum = row.scoreSum.add(rs.getBigDecimal("score_sum").toBigIntegerExact());
                row.highScoreHands += rs.getLong("high_score_hands");
                row.games += rs.getLong("games");
                row.wins += rs.getLong("wins");
                row.losses += rs.getLong("losses");
            }
            return null;
        });
        for (KeyId id : outcomeOnly) {
            if (!rows.get(id).stored) {
                throw new IllegalStateException("synergy key " + id + " is credited to a game but not stored");
            }
        }

        buffer.games.forEach((gameId, game) -> {
            if (game.outcome == null || game.outcome == Outcome.ABANDONED) {
                return;
            }
            Set<KeyId> all = new HashSet<>(before.getOrDefault(gameId, Set.of()));
            all.addAll(game.played);
            for (KeyId id : all) {
                KeyRow row = rows.get(id);
                if (game.outcome == Outcome.WIN) {
                    row.wins++;
                } else {
                    row.losses++;
                }
            }
        });

        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (KeyRow row : rows.values()) {
            double avg = Averages.mean(row.scoreSum, row.hands);
            Double winRate = Wilson.winRate(row.wins, row.losses);
            double wilson = Wilson.lowerBound(row.wins, row.losses);
            if (row.stored) {
                updates.add(new Object[] {row.hands, new BigDecimal(row.scoreSum), avg, row.highScoreHands, row.games,
                        row.wins, row.losses, winRate, wilson, row.id.size().name(), row.id.hash()});
            } else {
                inserts.add(new Object[] {row.key, row.hands, new BigDecimal(row.scoreSum), avg, row.highScoreHands,
                        row.games, row.wins, row.losses, winRate, wilson, row.id.size().name(), row.id.hash(),
                        json(row.jokers)});
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
            Set<KeyId> earlier = before.getOrDefault(gameId, Set.of());
            if (game.outcome != null) {
                if (!earlier.isEmpty()) {
                    finishedGames.add(new Object[] {gameId});
                }
                return;
            }
            for (KeyId id : game.played) {
                if (!earlier.contains(id)) {
                    newGameKeys.add(new Object[] {gameId, id.size().name(), id.hash()});
                }
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
