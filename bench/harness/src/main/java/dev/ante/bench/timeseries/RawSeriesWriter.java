package dev.ante.bench.timeseries;

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
import dev.ante.projections.support.JokerKeys;
import io.questdb.client.Sender;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * The peer of the time-series projection: the same rows into the same tables through a bare ILP
 * {@link Sender}, with who-played-what kept in a map instead of a database, no handler dispatch, no unit of
 * work and no transaction. Rows are grouped per table and flushed once per table per batch, as the
 * projection does, so both send the same HTTP requests.
 */
final class RawSeriesWriter {

    private record Who(String agentId, String strategyId) {
    }

    private final Sender sender;
    private final Map<String, Who> who = new HashMap<>();
    private final Map<String, List<Consumer<Sender>>> rows = new LinkedHashMap<>();
    private long rowCount;

    RawSeriesWriter(Sender sender) {
        this.sender = sender;
    }

    long rows() {
        return rowCount;
    }

    /** Writes one batch of events: rows built, then one flush per table. */
    void write(List<DomainEventMessage<?>> batch) {
        for (DomainEventMessage<?> m : batch) {
            row(m.getPayload(), GameId.fromStreamName(m.getAggregateIdentifier()).value(), m.getSequenceNumber(),
                    m.getTimestamp());
        }
        rows.forEach((table, list) -> {
            for (Consumer<Sender> r : list) {
                r.accept(sender.table(table));
            }
            sender.flush();
            rowCount += list.size();
        });
        rows.clear();
    }

    private void add(String table, Consumer<Sender> row) {
        rows.computeIfAbsent(table, t -> new ArrayList<>()).add(row);
    }

    private void row(Object payload, String gameId, long seq, Instant at) {
        if (payload instanceof GameStarted e) {
            Who w = new Who(e.agentId(), e.strategyId());
            who.put(gameId, w);
            add("economic_flow", r -> key(who(r, w).symbol("kind", "START"), gameId, seq)
                    .longColumn("amount", e.startingMoney()).longColumn("money_after", e.startingMoney()).at(at));
            return;
        }
        Who w = who.getOrDefault(gameId, new Who(null, null));
        if (payload instanceof HandPlayed e) {
            String combination = JokerKeys.key(JokerKeys.distinctSorted(e.jokers()));
            add("game_metrics", r -> {
                key(who(r, w).symbol("blind_type", e.blindType().name()).symbol("hand_type", e.handType()), gameId,
                        seq).longColumn("ante", e.ante()).longColumn("hand_number", e.handNumber())
                        .longColumn("base_chips", e.baseChips()).doubleColumn("base_mult", e.baseMult())
                        .longColumn("final_chips", e.finalChips()).doubleColumn("final_mult", e.finalMult())
                        .longColumn("final_score", e.finalScore()).longColumn("jokers_active", e.jokers().size())
                        .stringColumn("jokers", String.join("+", e.jokers()));
                if (e.moneyBefore() != null) {
                    r.longColumn("money_before", e.moneyBefore());
                }
                if (e.moneyAfter() != null) {
                    r.longColumn("money_after", e.moneyAfter());
                }
                r.at(at);
            });
            List<JokerEffect> effects = e.jokerEffects() == null ? List.of() : e.jokerEffects();
            for (int i = 0; i < effects.size(); i++) {
                JokerEffect effect = effects.get(i);
                int idx = i;
                add("joker_synergies", r -> key(who(r, w).symbol("joker", effect.joker())
                        .symbol("effect", effect.effect()).symbol("hand_type", e.handType()), gameId, seq)
                        .longColumn("idx", idx).longColumn("ante", e.ante()).doubleColumn("value", effect.value())
                        .stringColumn("joker_combination", combination).longColumn("final_score", e.finalScore())
                        .at(at));
            }
        } else if (payload instanceof DecisionMade e) {
            add("decision_points", r -> {
                key(who(r, w).symbol("phase", e.phase().name()).symbol("decision_type", e.decisionType()), gameId, seq)
                        .longColumn("ante", e.ante()).longColumn("options_available", e.optionsAvailable().size())
                        .stringColumn("option_selected", e.optionSelected()).boolColumn("used_llm", e.usedLlm())
                        .longColumn("time_to_decision_ms", e.timeToDecisionMs());
                if (e.confidence() != null) {
                    r.doubleColumn("confidence", e.confidence());
                }
                if (e.contextHash() != null) {
                    r.stringColumn("context_hash", e.contextHash());
                }
                r.at(at);
            });
        } else if (payload instanceof BlindDefeated e) {
            money(w, gameId, seq, at, e.ante(), "REWARD", e.reward(), e.moneyAfter(), null);
        } else if (payload instanceof ItemPurchased e) {
            money(w, gameId, seq, at, e.ante(), "PURCHASE", -e.cost(), e.moneyAfter(), e.name());
        } else if (payload instanceof JokerSold e) {
            money(w, gameId, seq, at, e.ante(), "SALE", e.sellValue(), e.moneyAfter(), e.name());
        } else if (payload instanceof ShopRerolled e) {
            money(w, gameId, seq, at, e.ante(), "REROLL", -e.cost(), e.moneyAfter(), null);
        } else if (payload instanceof GameCompleted e) {
            add("game_outcomes", r -> key(who(r, w).symbol("outcome", e.outcome().name()), gameId, seq)
                    .longColumn("final_ante", e.finalAnte()).longColumn("final_money", e.finalMoney())
                    .longColumn("best_hand_score", e.bestHandScore()).stringColumn("jokers", String.join("+", e.jokers()))
                    .at(at));
        }
    }

    private void money(Who w, String gameId, long seq, Instant at, int ante, String kind, int amount, int moneyAfter,
                       String item) {
        add("economic_flow", r -> {
            key(who(r, w).symbol("kind", kind), gameId, seq).longColumn("ante", ante).longColumn("amount", amount)
                    .longColumn("money_after", moneyAfter);
            if (item != null) {
                r.stringColumn("item", item);
            }
            r.at(at);
        });
    }

    private static Sender who(Sender r, Who w) {
        if (w.agentId() != null) {
            r.symbol("agent_id", w.agentId());
        }
        if (w.strategyId() != null) {
            r.symbol("strategy_id", w.strategyId());
        }
        return r;
    }

    private static Sender key(Sender r, String gameId, long seq) {
        return r.stringColumn("game_id", gameId).longColumn("seq", seq);
    }
}
