package dev.ante.projections.jokers;

import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.ItemPurchased;
import dev.ante.domain.game.ItemType;
import dev.ante.domain.game.JokerSold;
import dev.ante.domain.game.Outcome;
import dev.ante.domain.game.ShopEntered;
import dev.ante.domain.game.ShopItem;
import dev.ante.projections.ProjectionNames;
import dev.ante.projections.support.ReadModelBatch;
import dev.ante.projections.support.InChunks;
import dev.ante.projections.support.JokerKeys;
import dev.ante.projections.support.Upserts;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The joker tier list (docs/read-models.md): per joker name, times offered in a shop, bought, sold, and the
 * won and lost games whose final jokers hold it, each game once per joker. Counts of a batch are added in
 * the batch's transaction with the processor's token.
 */
@Component
@ProcessingGroup(ProjectionNames.JOKERS)
public class JokerTierProjection {

    private static final class Counts {
        long offered;
        long bought;
        long sold;
        long games;
        long wins;
    }

    private final JdbcTemplate jdbc;

    public JokerTierProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ShopEntered shop) {
        for (ShopItem item : shop.items()) {
            if ("JOKER".equals(item.itemType())) {
                counts(item.name()).offered++;
            }
        }
    }

    @EventHandler
    void on(ItemPurchased purchase) {
        if (purchase.itemType() == ItemType.JOKER) {
            counts(purchase.name()).bought++;
        }
    }

    @EventHandler
    void on(JokerSold sale) {
        counts(sale.name()).sold++;
    }

    @EventHandler
    void on(GameCompleted completed) {
        if (completed.outcome() == Outcome.ABANDONED) {
            return;
        }
        for (String joker : new LinkedHashSet<>(completed.jokers())) {
            Counts counts = counts(joker);
            counts.games++;
            if (completed.outcome() == Outcome.WIN) {
                counts.wins++;
            }
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM joker_tier");
    }

    private Counts counts(String joker) {
        Map<String, Counts> batch = ReadModelBatch.current(this, jdbc.getDataSource(), TreeMap::new, this::flush);
        return batch.computeIfAbsent(joker, j -> new Counts());
    }

    private void flush(Map<String, Counts> batch) {
        Map<String, String> hashes = new TreeMap<>();
        batch.keySet().forEach(joker -> hashes.put(JokerKeys.hash(joker), joker));
        Set<String> stored = new HashSet<>();
        InChunks.query(jdbc, "SELECT joker_hash FROM joker_tier WHERE joker_hash", hashes.keySet(),
                (rs, i) -> stored.add(rs.getString("joker_hash")));
        Upserts rows = new Upserts("INSERT INTO joker_tier (offered, bought, sold, games, wins, joker_hash, joker)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", "UPDATE joker_tier SET offered = offered + ?, bought = bought + ?,"
                + " sold = sold + ?, games = games + ?, wins = wins + ? WHERE joker_hash = ?");
        hashes.forEach((hash, joker) -> {
            Counts c = batch.get(joker);
            if (stored.contains(hash)) {
                rows.update(c.offered, c.bought, c.sold, c.games, c.wins, hash);
            } else {
                rows.insert(c.offered, c.bought, c.sold, c.games, c.wins, hash, joker);
            }
        });
        rows.writeTo(jdbc);
    }
}
