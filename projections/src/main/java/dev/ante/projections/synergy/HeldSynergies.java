package dev.ante.projections.synergy;

import dev.ante.projections.synergy.SynergyTally.Delta;
import dev.ante.projections.synergy.SynergyTally.KeyId;
import dev.ante.projections.synergy.SynergyTally.Settlement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A rebuild's synergy changes held in memory across many units, with no database: what the two tables would
 * gain if each unit's settlement were written as it came, gathered so that each key is written once.
 *
 * <p>It mirrors the tables as changes over what they stored when it was last {@link #drain drained}: the
 * totals to add to each key, the keys each game in progress has played (those loaded from the table and those
 * played since), which of those are new, and which stored games have completed. A game is looked up in the
 * table only if the last drain left it there ({@link #toLoad}); a rebuild that holds everything until its end
 * never reads a row back.
 */
final class HeldSynergies {

    private final Map<KeyId, Delta> totals = new LinkedHashMap<>();
    /** Every key each game in progress is known to have played: loaded from the table or held. */
    private final Map<String, Set<KeyId>> open = new HashMap<>();
    /** The keys of games in progress that the table does not have yet. */
    private final Map<String, Set<KeyId>> added = new LinkedHashMap<>();
    /** Games the table has keys of that have completed since: their keys go. */
    private final Set<String> finished = new LinkedHashSet<>();
    /** The games in progress the table has keys of, as of the last drain. */
    private final Set<String> stored = new HashSet<>();
    /** Key ids by size and key, shared by the units' tallies so that each key is hashed once while held. */
    private final Map<SynergyTally.SizedKey, KeyId> ids = new HashMap<>();
    /** Joker names, each kept once however many held keys name it. */
    private final Map<String, String> names = new HashMap<>();

    /** A tally for the next unit, sharing this one's key ids and joker names. */
    SynergyTally tally(long highScoreThreshold) {
        return new SynergyTally(highScoreThreshold, ids, names);
    }

    /** Of {@code games}, those whose keys the table holds and this does not yet: load them with {@link #loaded}. */
    Set<String> toLoad(Set<String> games) {
        Set<String> missing = new LinkedHashSet<>();
        for (String game : games) {
            if (stored.contains(game) && !open.containsKey(game)) {
                missing.add(game);
            }
        }
        return missing;
    }

    /** The keys the table holds for games {@link #toLoad} named (a game without any is left out). */
    void loaded(Map<String, Set<KeyId>> keys) {
        keys.forEach((game, ids) -> open.put(game, new HashSet<>(ids)));
    }

    /** The keys each of {@code games} had played: what a unit's tally settles against. */
    Map<String, Set<KeyId>> earlier(Set<String> games) {
        Map<String, Set<KeyId>> earlier = new HashMap<>();
        for (String game : games) {
            Set<KeyId> keys = open.get(game);
            if (keys != null) {
                earlier.put(game, keys);
            }
        }
        return earlier;
    }

    /**
     * Holds a unit's settlement (made against {@link #earlier}). Either all of it is held or, when one of its keys
     * shares its digest with a different held key, none of it.
     */
    void hold(Settlement settlement) {
        for (Delta delta : settlement.deltas().values()) {
            Delta held = totals.get(delta.id());
            if (held != null && held.key() != null && delta.key() != null && !held.key().equals(delta.key())) {
                throw new IllegalStateException("synergy keys " + delta.key() + " and " + held.key()
                        + " share the hash " + delta.id().hash());
            }
        }
        for (Delta delta : settlement.deltas().values()) {
            totals.merge(delta.id(), delta, Delta::merged);
        }
        settlement.newGameKeys().forEach((game, keys) -> {
            open.computeIfAbsent(game, g -> new HashSet<>()).addAll(keys);
            added.computeIfAbsent(game, g -> new LinkedHashSet<>()).addAll(keys);
        });
        for (String game : settlement.completedGames()) {
            open.remove(game);
            added.remove(game);
            if (stored.contains(game)) {
                finished.add(game);
            }
        }
    }

    /** How many keys are held: what bounds the memory this takes. */
    int keys() {
        return totals.size();
    }

    boolean isEmpty() {
        return totals.isEmpty() && added.isEmpty() && finished.isEmpty();
    }

    /** Keys in the order of the table's primary key (size, then digest), as the database sorts them. */
    private static final Comparator<KeyId> TABLE_ORDER =
            Comparator.comparing((KeyId id) -> id.size().name()).thenComparing(KeyId::hash);

    /**
     * What is held, as one settlement to write, and holds nothing from then on: the caller writes it before it
     * holds more. Keys and games come in the order of the tables' primary keys, so that the write goes through
     * each table's pages in order instead of jumping between them.
     */
    Settlement drain() {
        Map<KeyId, Delta> sortedTotals = new LinkedHashMap<>();
        totals.keySet().stream().sorted(TABLE_ORDER).forEach(id -> sortedTotals.put(id, totals.get(id)));
        Map<String, Set<KeyId>> sortedAdded = new LinkedHashMap<>();
        added.keySet().stream().sorted().forEach(game -> {
            Set<KeyId> keys = new LinkedHashSet<>();
            added.get(game).stream().sorted(TABLE_ORDER).forEach(keys::add);
            sortedAdded.put(game, keys);
        });
        Settlement all = new Settlement(sortedTotals, sortedAdded, new LinkedHashSet<>(finished), Set.of());
        stored.removeAll(finished);
        stored.addAll(open.keySet());
        totals.clear();
        open.clear();
        added.clear();
        finished.clear();
        ids.clear();
        names.clear();
        return all;
    }
}
