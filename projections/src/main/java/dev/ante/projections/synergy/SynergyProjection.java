package dev.ante.projections.synergy;

import dev.ante.domain.GameId;
import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.HandPlayed;
import dev.ante.projections.ProjectionNames;
import dev.ante.projections.support.Averages;
import dev.ante.projections.support.ColumnLimits;
import dev.ante.projections.support.HeldWrites;
import dev.ante.projections.support.ReadModelBatch;
import dev.ante.projections.support.InChunks;
import dev.ante.projections.support.Upserts;
import dev.ante.projections.support.Wilson;
import dev.ante.projections.synergy.SynergyTally.KeyId;
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
 * Joker synergies, counted by the rules of {@link SynergyTally}; each game in progress remembers which keys
 * it played ({@code synergy_game_key}), so that its outcome is credited to each of them once when it
 * completes.
 *
 * <p>Handlers only feed the batch's tally; the flush loads what the batch's games had played and every row
 * the batch touches with a few multi-key queries, adds the tally, and writes each changed row once.
 *
 * <p>Built for a rebuild ({@link #holding}), it holds the units' changes in memory ({@link HeldSynergies}) up
 * to a number of keys and writes them when the rebuild asks: most keys are touched by most units, so a
 * rebuild writes each key a few times instead of once per unit.
 */
@Component
@ProcessingGroup(ProjectionNames.SYNERGIES)
public class SynergyProjection implements HeldWrites {

    private static final String SELECT_KEYS = "SELECT size, key_hash, joker_key, hands, score_sum, high_score_hands, "
            + "games, wins, losses FROM synergy WHERE (size, key_hash)";
    private static final String SELECT_GAME_KEYS = "SELECT game_id, size, key_hash FROM synergy_game_key WHERE game_id";
    private static final String INSERT_KEY = "INSERT INTO synergy (joker_key, hands, score_sum, avg_score, "
            + "high_score_hands, games, wins, losses, win_rate, wilson, size, key_hash, jokers) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_KEY = "UPDATE synergy SET hands = ?, score_sum = ?, avg_score = ?, "
            + "high_score_hands = ?, games = ?, wins = ?, losses = ?, win_rate = ?, wilson = ? "
            + "WHERE size = ? AND key_hash = ?";

    /** A key's stored totals. */
    private record Stored(String key, long hands, BigInteger scoreSum, long highScoreHands, long games, long wins,
                          long losses) {
    }

    private final JdbcTemplate jdbc;
    private final long highScoreThreshold;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    /** The changes held for a rebuild; null when each unit is written as it commits. */
    private final HeldSynergies held;
    private final int heldKeys;
    private boolean startedEmpty;
    private ColumnLimits limits;

    @org.springframework.beans.factory.annotation.Autowired
    public SynergyProjection(JdbcTemplate jdbc,
                             @Value("${ante.read-models.high-score-threshold:10000}") long highScoreThreshold) {
        this(jdbc, highScoreThreshold, 0);
    }

    private SynergyProjection(JdbcTemplate jdbc, long highScoreThreshold, int heldKeys) {
        this.jdbc = jdbc;
        this.highScoreThreshold = highScoreThreshold;
        this.held = heldKeys > 0 ? new HeldSynergies() : null;
        this.heldKeys = heldKeys;
    }

    /**
     * A projection for a rebuild that holds its units' changes in memory until {@link #writeHeld}, and reports
     * itself {@link #full} once it holds {@code heldKeys} keys. It starts on empty tables, as a rebuild's shadow
     * tables are (it checks, before it holds its first unit): which games have keys stored it then knows from
     * its own writes, without asking the table.
     */
    public static SynergyProjection holding(JdbcTemplate jdbc, long highScoreThreshold, int heldKeys) {
        if (heldKeys < 1) {
            throw new IllegalArgumentException("heldKeys must be positive");
        }
        return new SynergyProjection(jdbc, highScoreThreshold, heldKeys);
    }

    @EventHandler
    void on(HandPlayed hand, @SourceId String stream) {
        tally().hand(GameId.fromStreamName(stream).value(), hand.jokers(), hand.finalScore());
    }

    @EventHandler
    void on(GameCompleted completed, @SourceId String stream) {
        tally().completed(GameId.fromStreamName(stream).value(), completed.outcome());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM synergy_game_key");
        jdbc.update("DELETE FROM synergy");
    }

    private SynergyTally tally() {
        if (held != null) {
            return ReadModelBatch.current(this, jdbc.getDataSource(), () -> held.tally(highScoreThreshold),
                    this::hold);
        }
        return ReadModelBatch.current(this, jdbc.getDataSource(), () -> new SynergyTally(highScoreThreshold),
                this::flush);
    }

    @Override
    public boolean full() {
        return held != null && held.keys() >= heldKeys;
    }

    @Override
    public void writeHeld() {
        if (held != null && !held.isEmpty()) {
            write(held.drain());
        }
    }

    /** Holds a unit's changes, settled against what its games had played (held, or stored by an earlier write). */
    private void hold(SynergyTally tally) {
        if (!startedEmpty) {
            HeldWrites.requireEmpty(jdbc, "synergy_game_key");
            startedEmpty = true;
            limits = ColumnLimits.of(jdbc, "synergy");
        }
        Set<String> toLoad = held.toLoad(tally.games());
        if (!toLoad.isEmpty()) {
            held.loaded(gameKeys(toLoad));
        }
        SynergyTally.Settlement settlement = tally.settle(held.earlier(tally.games()));
        for (SynergyTally.Delta delta : settlement.deltas().values()) {
            limits.check("joker_key", delta.key());
        }
        held.hold(settlement);
    }

    /** The keys the table holds for each of {@code games} that has any. */
    private Map<String, Set<KeyId>> gameKeys(java.util.Collection<String> games) {
        Map<String, Set<KeyId>> keys = new HashMap<>();
        InChunks.query(jdbc, SELECT_GAME_KEYS, games, (rs, i) -> keys
                .computeIfAbsent(rs.getString("game_id"), g -> new HashSet<>())
                .add(new KeyId(SynergySize.valueOf(rs.getString("size")), rs.getString("key_hash"))));
        return keys;
    }

    /** The key's names as a JSON array, so names holding {@code +} survive the round trip. */
    private String json(List<String> jokers) {
        try {
            return mapper.writeValueAsString(jokers);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads what the batch's games had played and the rows it touches, adds the batch, writes each row once. */
    private void flush(SynergyTally tally) {
        write(tally.settle(gameKeys(tally.games())));
    }

    /** Adds a settlement's deltas to the rows they touch, and records and forgets game keys as it says. */
    private void write(SynergyTally.Settlement settlement) {
        Map<KeyId, SynergyTally.Delta> deltas = settlement.deltas();

        Map<KeyId, Stored> stored = new HashMap<>();
        List<List<String>> ids = new ArrayList<>(deltas.size());
        deltas.keySet().forEach(id -> ids.add(List.of(id.size().name(), id.hash())));
        InChunks.queryComposite(jdbc, SELECT_KEYS, ids, 2, (rs, i) -> {
            KeyId id = new KeyId(SynergySize.valueOf(rs.getString("size")), rs.getString("key_hash"));
            stored.put(id, new Stored(rs.getString("joker_key"), rs.getLong("hands"),
                    rs.getBigDecimal("score_sum").toBigIntegerExact(), rs.getLong("high_score_hands"),
                    rs.getLong("games"), rs.getLong("wins"), rs.getLong("losses")));
            return null;
        });

        Upserts rows = new Upserts(INSERT_KEY, UPDATE_KEY);
        for (SynergyTally.Delta delta : deltas.values()) {
            Stored row = stored.get(delta.id());
            if (row == null && delta.outcomeOnly()) {
                throw new IllegalStateException("synergy key " + delta.id() + " is credited to a game but not stored");
            }
            if (row != null && delta.key() != null && !delta.key().equals(row.key())) {
                throw new IllegalStateException("synergy keys " + delta.key() + " and " + row.key()
                        + " share the hash " + delta.id().hash());
            }
            long hands = delta.hands() + (row == null ? 0 : row.hands());
            BigInteger scoreSum = row == null ? delta.scoreSum() : delta.scoreSum().add(row.scoreSum());
            long highScoreHands = delta.highScoreHands() + (row == null ? 0 : row.highScoreHands());
            long games = delta.games() + (row == null ? 0 : row.games());
            long wins = delta.wins() + (row == null ? 0 : row.wins());
            long losses = delta.losses() + (row == null ? 0 : row.losses());
            double avg = Averages.mean(scoreSum, hands);
            Double winRate = Wilson.winRate(wins, losses);
            double wilson = Wilson.lowerBound(wins, losses);
            if (row != null) {
                rows.update(hands, new BigDecimal(scoreSum), avg, highScoreHands, games, wins, losses,
                        winRate, wilson, delta.id().size().name(), delta.id().hash());
            } else {
                rows.insert(delta.key(), hands, new BigDecimal(scoreSum), avg, highScoreHands, games,
                        wins, losses, winRate, wilson, delta.id().size().name(), delta.id().hash(),
                        json(delta.jokers()));
            }
        }
        rows.writeTo(jdbc);

        List<Object[]> newGameKeys = new ArrayList<>();
        settlement.newGameKeys().forEach((gameId, keys) -> keys.forEach(id ->
                newGameKeys.add(new Object[] {gameId, id.size().name(), id.hash()})));
        if (!newGameKeys.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO synergy_game_key (game_id, size, key_hash) VALUES (?, ?, ?)", newGameKeys);
        }
        if (!settlement.finishedGames().isEmpty()) {
            // A completed game takes no more hands, so its keys are no longer needed.
            jdbc.batchUpdate("DELETE FROM synergy_game_key WHERE game_id = ?",
                    settlement.finishedGames().stream().map(g -> new Object[] {g}).toList());
        }
    }
}
