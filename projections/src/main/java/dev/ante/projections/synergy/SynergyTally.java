package dev.ante.projections.synergy;

import dev.ante.domain.game.Outcome;
import dev.ante.projections.support.JokerKeys;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The synergy counting rules, with no database: what a run of events adds to each key, given which keys
 * each of their games had played before.
 *
 * <ul>
 *   <li>A {@code HandPlayed} with jokers credits each of its distinct jokers as a single, every unordered
 *       pair of them, and the whole set: one hand, its score, and whether the score is high.</li>
 *   <li>A game counts once for a key, at its first hand with that key.</li>
 *   <li>A completed game's outcome counts once for every key it ever played: a WIN as a win, a LOSS as a
 *       loss, ABANDONED not at all.</li>
 * </ul>
 *
 * Feed it events with {@link #hand} and {@link #completed}, then {@link #settle} with what the games had
 * played before; the result says what to add to each key and which game keys to remember or forget.
 */
public final class SynergyTally {

    /** A key as stored: its size and the digest of its name. */
    public record KeyId(SynergySize size, String hash) {
    }

    /** What the tallied events add to one key. {@code key} and {@code jokers} are null for an outcome-only key. */
    public static final class Delta {
        private final KeyId id;
        private final String key;
        private final List<String> jokers;
        private long hands;
        /**
         * The score sum while it fits a long, which it nearly always does: adding to a long allocates nothing,
         * and a rebuild adds to deltas it holds for a long time, so no new object is referenced from one it
         * holds each time it does (docs/benchmarks.md). {@link #largeScoreSum} takes over once it overflows.
         */
        private long scoreSum;
        /** The exact score sum once it no longer fits a long; null until then. */
        private BigInteger largeScoreSum;
        private long highScoreHands;
        private long games;
        private long wins;
        private long losses;

        Delta(KeyId id, String key, List<String> jokers) {
            this.id = id;
            this.key = key;
            this.jokers = jokers;
        }

        public KeyId id() {
            return id;
        }

        public String key() {
            return key;
        }

        public List<String> jokers() {
            return jokers;
        }

        public long hands() {
            return hands;
        }

        public BigInteger scoreSum() {
            return largeScoreSum != null ? largeScoreSum : BigInteger.valueOf(scoreSum);
        }

        /** Adds {@code score} to the score sum, exactly. */
        private void addScore(long score) {
            if (largeScoreSum == null) {
                long sum = scoreSum + score;
                // The sum overflowed when both operands' signs differ from the result's.
                if (((scoreSum ^ sum) & (score ^ sum)) >= 0) {
                    scoreSum = sum;
                    return;
                }
                largeScoreSum = BigInteger.valueOf(scoreSum);
            }
            largeScoreSum = largeScoreSum.add(BigInteger.valueOf(score));
        }

        public long highScoreHands() {
            return highScoreHands;
        }

        public long games() {
            return games;
        }

        public long wins() {
            return wins;
        }

        public long losses() {
            return losses;
        }

        /** Whether only a completed game's outcome touches this key: no hand of the run played it. */
        public boolean outcomeOnly() {
            return key == null;
        }

        /**
         * This delta with {@code later}'s added to it: this one, or a new one if only {@code later} names the key.
         */
        Delta merged(Delta later) {
            Delta kept = this;
            if (key == null && later.key != null) {
                kept = new Delta(id, later.key, later.jokers);
                kept.add(this);
            }
            kept.add(later);
            return kept;
        }

        private void add(Delta other) {
            hands += other.hands;
            if (other.largeScoreSum == null) {
                addScore(other.scoreSum);
            } else {
                largeScoreSum = scoreSum().add(other.largeScoreSum);
            }
            highScoreHands += other.highScoreHands;
            games += other.games;
            wins += other.wins;
            losses += other.losses;
        }
    }

    /**
     * What a run of events changes.
     *
     * @param deltas       what to add to each key the run touches
     * @param newGameKeys  per game still in progress, the keys it played for the first time
     * @param finishedGames the completed games that had played keys before: their game keys can go
     * @param completedGames every game the run completed, whether or not it had played keys before
     */
    public record Settlement(Map<KeyId, Delta> deltas, Map<String, Set<KeyId>> newGameKeys,
                             Set<String> finishedGames, Set<String> completedGames) {
    }

    /** What one game did in the run: the keys its hands played, in order, and how it ended, if it did. */
    private static final class GameKeys {
        final Set<KeyId> played = new LinkedHashSet<>();
        Outcome outcome;
    }

    private final long highScoreThreshold;
    private final Map<KeyId, Delta> deltas = new LinkedHashMap<>();
    /** A key with its size: what a key's id is looked up by. */
    record SizedKey(SynergySize size, String key) {
    }

    /** Each key's id, so a key played in many hands is hashed once. */
    private final Map<SizedKey, KeyId> ids;
    /** One instance of each joker name, so that keys held for long do not each keep their own copies. */
    private final Map<String, String> names;
    private final Map<String, GameKeys> games = new LinkedHashMap<>();

    /** @param highScoreThreshold a hand scoring more than this is a high-score hand */
    public SynergyTally(long highScoreThreshold) {
        this(highScoreThreshold, new HashMap<>(), new HashMap<>());
    }

    /**
     * @param ids   the ids of keys already hashed, shared with other tallies; this one adds the keys it hashes
     * @param names the joker names seen, each once, shared with other tallies; this one adds those it sees
     */
    SynergyTally(long highScoreThreshold, Map<SizedKey, KeyId> ids, Map<String, String> names) {
        this.highScoreThreshold = highScoreThreshold;
        this.ids = ids;
        this.names = names;
    }

    /** A hand of {@code gameId} played with {@code jokers} (in slot order, duplicates allowed). */
    public void hand(String gameId, List<String> jokers, long finalScore) {
        List<String> set = JokerKeys.distinctSorted(jokers);
        if (set.isEmpty()) {
            return;
        }
        set.replaceAll(name -> names.computeIfAbsent(name, n -> n));
        GameKeys game = games.computeIfAbsent(gameId, g -> new GameKeys());
        for (String joker : set) {
            credit(game, SynergySize.SINGLE, List.of(joker), finalScore);
        }
        for (List<String> pair : JokerKeys.pairs(set)) {
            credit(game, SynergySize.PAIR, pair, finalScore);
        }
        credit(game, SynergySize.SET, set, finalScore);
    }

    /** {@code gameId} completed with {@code outcome}. */
    public void completed(String gameId, Outcome outcome) {
        games.computeIfAbsent(gameId, g -> new GameKeys()).outcome = outcome;
    }

    /** The games the run touched: {@link #settle} needs the keys each of them had played before. */
    public Set<String> games() {
        return games.keySet();
    }

    /**
     * What the run changes, given the keys each of its games had played before it ({@code earlier}; a game
     * missing from it had played none).
     */
    public Settlement settle(Map<String, Set<KeyId>> earlier) {
        Map<String, Set<KeyId>> newGameKeys = new LinkedHashMap<>();
        Set<String> finished = new LinkedHashSet<>();
        Set<String> completed = new LinkedHashSet<>();
        games.forEach((gameId, game) -> {
            Set<KeyId> before = earlier.getOrDefault(gameId, Set.of());
            List<KeyId> first = new ArrayList<>();
            for (KeyId id : game.played) {
                if (!before.contains(id)) {
                    deltas.get(id).games++;
                    first.add(id);
                }
            }
            if (game.outcome == null) {
                if (!first.isEmpty()) {
                    newGameKeys.put(gameId, new LinkedHashSet<>(first));
                }
                return;
            }
            completed.add(gameId);
            if (!before.isEmpty()) {
                finished.add(gameId);
            }
            if (game.outcome == Outcome.ABANDONED) {
                return;
            }
            Set<KeyId> all = new HashSet<>(before);
            all.addAll(game.played);
            for (KeyId id : all) {
                Delta delta = deltas.computeIfAbsent(id, k -> new Delta(k, null, null));
                if (game.outcome == Outcome.WIN) {
                    delta.wins++;
                } else {
                    delta.losses++;
                }
            }
        });
        return new Settlement(deltas, newGameKeys, finished, completed);
    }

    private void credit(GameKeys game, SynergySize size, List<String> jokers, long score) {
        String key = JokerKeys.key(jokers);
        KeyId id = ids.computeIfAbsent(new SizedKey(size, key), k -> new KeyId(size, JokerKeys.hash(key)));
        Delta delta = deltas.computeIfAbsent(id, k -> new Delta(k, key, jokers));
        delta.hands++;
        delta.addScore(score);
        if (score > highScoreThreshold) {
            delta.highScoreHands++;
        }
        game.played.add(id);
    }
}
