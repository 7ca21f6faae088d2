package dev.ante.projections.timeseries;

import dev.ante.domain.GameId;
import dev.ante.domain.game.BlindDefeated;
import dev.ante.domain.game.DecisionMade;
import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.game.ItemPurchased;
import dev.ante.domain.game.JokerEffect;
import dev.ante.domain.game.JokerSold;
import dev.ante.domain.game.ShopRerolled;
import dev.ante.projections.support.Batch;
import dev.ante.projections.support.JokerKeys;
import java.sql.SQLException;
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

/**
 * Writes the game streams' time series to QuestDB: a row per hand, decision, joker effect, money movement
 * and outcome, stamped with the event's own time and keyed by (game, revision), so replays and
 * redeliveries overwrite rather than add. Who played a game is kept beside the processor's token.
 */
@ProcessingGroup(GameSeriesProjection.NAME)
public class GameSeriesProjection {

    /** The processor's name. */
    public static final String NAME = "questdb-games";

    /** Who played a game and how: what every row of the game carries besides its own values. */
    private record Context(String agentId, String strategyId, String deck, String stake) {
    }

    private static final class Buffer {
        final SeriesBatch rows = new SeriesBatch();
        final Map<String, Context> contexts = new HashMap<>();
        final List<Object[]> newContexts = new ArrayList<>();
    }

    private final JdbcTemplate jdbc;
    private final QuestDb questDb;
    private final SeriesSender sender;

    public GameSeriesProjection(JdbcTemplate jdbc, QuestDb questDb) {
        this.jdbc = jdbc;
        this.questDb = questDb;
        this.sender = new SeriesSender(questDb);
    }

    @EventHandler
    void on(GameStarted e, @SourceId String stream, @SequenceNumber long seq, @Timestamp Instant at) {
        Buffer buffer = buffer();
        String gameId = gameId(stream);
        Context context = new Context(e.agentId(), e.strategyId(), e.deck(), e.stake());
        buffer.rows.add("economic_flow", row -> ids(symbols(row, context).symbol("kind", "START"), gameId, seq)
                .longColumn("amount", e.startingMoney()).longColumn("money_after", e.startingMoney()).at(at));
        buffer.contexts.put(gameId, context);
        buffer.newContexts.add(new Object[] {gameId, e.agentId(), e.strategyId(), e.deck(), e.stake()});
    }

    @EventHandler
    void on(HandPlayed e, @SourceId String stream, @SequenceNumber long seq, @Timestamp Instant at) {
        Buffer buffer = buffer();
        String gameId = gameId(stream);
        Context context = context(buffer, gameId);
        buffer.rows.event(() -> {
            String combination = JokerKeys.key(JokerKeys.distinctSorted(e.jokers()));
            buffer.rows.add("game_metrics", row -> {
                ids(symbols(row, context).symbol("blind_type", e.blindType().name()).symbol("hand_type", e.handType()),
                        gameId, seq).longColumn("ante", e.ante()).longColumn("hand_number", e.handNumber())
                        .longColumn("base_chips", e.baseChips()).doubleColumn("base_mult", e.baseMult())
                        .longColumn("final_chips", e.finalChips()).doubleColumn("final_mult", e.finalMult())
                        .longColumn("final_score", e.finalScore()).longColumn("jokers_active", e.jokers().size())
                        .stringColumn("jokers", String.join("+", e.jokers()));
                if (e.moneyBefore() != null) {
                    row.longColumn("money_before", e.moneyBefore());
                }
                if (e.moneyAfter() != null) {
                    row.longColumn("money_after", e.moneyAfter());
                }
                row.at(at);
            });
            List<JokerEffect> effects = e.jokerEffects() == null ? List.of() : e.jokerEffects();
            for (int i = 0; i < effects.size(); i++) {
                JokerEffect effect = effects.get(i);
                int idx = i;
                buffer.rows.add("joker_synergies", row -> ids(symbols(row, context)
                        .symbol("joker", effect.joker()).symbol("effect", effect.effect()).symbol("hand_type", e.handType()),
                        gameId, seq).longColumn("idx", idx).longColumn("ante", e.ante()).doubleColumn("value", effect.value())
                        .stringColumn("joker_combination", combination).longColumn("final_score", e.finalScore()).at(at));
            }
        });
    }

    @EventHandler
    void on(DecisionMade e, @SourceId String stream, @SequenceNumber long seq, @Timestamp Instant at) {
        Buffer buffer = buffer();
        String gameId = gameId(stream);
        Context context = context(buffer, gameId);
        buffer.rows.add("decision_points", row -> {
            ids(symbols(row, context).symbol("phase", e.phase().name()).symbol("decision_type", e.decisionType()),
                    gameId, seq).longColumn("ante", e.ante()).longColumn("options_available", e.optionsAvailable().size())
                    .stringColumn("option_selected", e.optionSelected()).boolColumn("used_llm", e.usedLlm())
                    .longColumn("time_to_decision_ms", e.timeToDecisionMs());
            if (e.confidence() != null) {
                row.doubleColumn("confidence", e.confidence());
            }
            if (e.contextHash() != null) {
                row.stringColumn("context_hash", e.contextHash());
            }
            row.at(at);
        });
    }

    @EventHandler
    void on(BlindDefeated e, @SourceId String stream, @SequenceNumber long seq, @Timestamp Instant at) {
        money(stream, seq, at, e.ante(), "REWARD", e.reward(), e.moneyAfter(), null);
    }

    @EventHandler
    void on(ItemPurchased e, @SourceId String stream, @SequenceNumber long seq, @Timestamp Instant at) {
        money(stream, seq, at, e.ante(), "PURCHASE", -e.cost(), e.moneyAfter(), e.name());
    }

    @EventHandler
    void on(JokerSold e, @SourceId String stream, @SequenceNumber long seq, @Timestamp Instant at) {
        money(stream, seq, at, e.ante(), "SALE", e.sellValue(), e.moneyAfter(), e.name());
    }

    @EventHandler
    void on(ShopRerolled e, @SourceId String stream, @SequenceNumber long seq, @Timestamp Instant at) {
        money(stream, seq, at, e.ante(), "REROLL", -e.cost(), e.moneyAfter(), null);
    }

    @EventHandler
    void on(GameCompleted e, @SourceId String stream, @SequenceNumber long seq, @Timestamp Instant at) {
        Buffer buffer = buffer();
        String gameId = gameId(stream);
        Context context = context(buffer, gameId);
        buffer.rows.add("game_outcomes", row -> ids(symbols(row, context).symbol("outcome", e.outcome().name()),
                gameId, seq).longColumn("final_ante", e.finalAnte()).longColumn("final_money", e.finalMoney())
                .longColumn("best_hand_score", e.bestHandScore()).stringColumn("jokers", String.join("+", e.jokers()))
                .at(at));
    }

    /** A replay rebuilds the tables as Ante defines them (keys, retention), then refills them. */
    @ResetHandler
    void reset() throws SQLException {
        // QuestDB's ILP endpoint keeps each connection's table writers: rows sent over the old connection
        // after a drop would go to the dropped table. A new connection looks the new table up.
        sender.close();
        questDb.recreate(SeriesSchema.GAME);
        jdbc.update("DELETE FROM ts_game_context");
    }

    /** Releases the QuestDB connection when the application stops. */
    public void close() {
        sender.close();
    }

    private void money(String stream, long seq, Instant at, int ante, String kind, int amount, int moneyAfter,
                       String item) {
        Buffer buffer = buffer();
        String gameId = gameId(stream);
        Context context = context(buffer, gameId);
        buffer.rows.add("economic_flow", row -> {
            ids(symbols(row, context).symbol("kind", kind), gameId, seq).longColumn("ante", ante).longColumn("amount", amount)
                    .longColumn("money_after", moneyAfter);
            if (item != null) {
                row.stringColumn("item", item);
            }
            row.at(at);
        });
    }

    /** Who played: symbols, which ILP wants before any other column of the row. */
    private static SeriesRow symbols(SeriesRow row, Context context) {
        if (context.agentId() != null) {
            row.symbol("agent_id", context.agentId());
        }
        if (context.strategyId() != null) {
            row.symbol("strategy_id", context.strategyId());
        }
        if (context.deck() != null) {
            row.symbol("deck", context.deck());
        }
        if (context.stake() != null) {
            row.symbol("stake", context.stake());
        }
        return row;
    }

    /** The row's key besides its timestamp: the game and the event's revision. */
    private static SeriesRow ids(SeriesRow row, String gameId, long seq) {
        return row.stringColumn("game_id", gameId).longColumn("seq", seq);
    }

    private static String gameId(String stream) {
        return GameId.fromStreamName(stream).value();
    }

    private Buffer buffer() {
        return Batch.current(this, Buffer::new, this::flush);
    }

    private Context context(Buffer buffer, String gameId) {
        return buffer.contexts.computeIfAbsent(gameId, id -> jdbc.query(
                "SELECT agent_id, strategy_id, deck, stake FROM ts_game_context WHERE game_id = ?",
                (rs, i) -> new Context(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), id)
                .stream().findFirst().orElse(new Context(null, null, null, null)));
    }

    private void flush(Buffer buffer) {
        sender.send(buffer.rows);
        if (!buffer.newContexts.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO ts_game_context (game_id, agent_id, strategy_id, deck, stake)"
                            + " VALUES (?, ?, ?, ?, ?)",
                    buffer.newContexts);
        }
    }
}
