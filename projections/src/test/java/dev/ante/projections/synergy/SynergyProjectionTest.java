package dev.ante.projections.synergy;

import static dev.ante.projections.GameEvents.game;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.game.Outcome;
import dev.ante.projections.Batching;
import dev.ante.projections.ByHand;
import dev.ante.projections.GameEvents;
import dev.ante.projections.ReadModelDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SynergyProjectionTest {

    private static final long THRESHOLD = 10_000;

    private ReadModelDatabase db;
    private SynergyProjection projection;
    private Synergies synergies;

    @BeforeEach
    void setUp() {
        db = ReadModelDatabase.migrated();
        projection = new SynergyProjection(db.jdbc(), THRESHOLD);
        synergies = new Synergies(db.jdbc());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenHandWithThreeJokers_whenProjected_thenEachSingleEveryPairAndTheSetAreCredited(Batching batching) {
        batching.feed(List.of(
                hand("g1", 1200, "Mime", "Baron", "Blueprint"),
                completed("g1", Outcome.WIN)));

        double wilson = ByHand.wilson(1, 0);
        assertThat(all(SynergySize.SINGLE)).containsExactly(
                new Synergy("Blueprint", List.of("Blueprint"), 1, 1200.0, 0, 1, 1, 0, 1.0, wilson),
                new Synergy("Baron", List.of("Baron"), 1, 1200.0, 0, 1, 1, 0, 1.0, wilson),
                new Synergy("Mime", List.of("Mime"), 1, 1200.0, 0, 1, 1, 0, 1.0, wilson));
        assertThat(all(SynergySize.PAIR)).containsExactly(
                new Synergy("Blueprint+Mime", List.of("Blueprint", "Mime"), 1, 1200.0, 0, 1, 1, 0, 1.0, wilson),
                new Synergy("Baron+Mime", List.of("Baron", "Mime"), 1, 1200.0, 0, 1, 1, 0, 1.0, wilson),
                new Synergy("Baron+Blueprint", List.of("Baron", "Blueprint"), 1, 1200.0, 0, 1, 1, 0, 1.0, wilson));
        assertThat(all(SynergySize.SET)).containsExactly(
                new Synergy("Baron+Blueprint+Mime", List.of("Baron", "Blueprint", "Mime"), 1, 1200.0, 0, 1, 1, 0, 1.0,
                        wilson));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenJokerTwiceInOneHand_whenProjected_thenItCountsOncePerHandAndTheSetHoldsDistinctNames(Batching batching) {
        batching.feed(List.of(
                hand("g1", 800, "Joker", "Joker", "Baron"),
                hand("g1", 200, "Joker", "Joker"),
                completed("g1", Outcome.LOSS)));

        assertThat(all(SynergySize.SINGLE)).containsExactly(
                synergy("Baron", 1, 800.0, 0, 1, 0, 1, 0.0, 0.0),
                synergy("Joker", 2, (double) (800 + 200) / 2, 0, 1, 0, 1, 0.0, 0.0));
        // No Joker+Joker: a pair is two different names.
        assertThat(all(SynergySize.PAIR)).containsExactly(
                synergy("Baron+Joker", 1, 800.0, 0, 1, 0, 1, 0.0, 0.0));
        assertThat(all(SynergySize.SET)).containsExactly(
                synergy("Baron+Joker", 1, 800.0, 0, 1, 0, 1, 0.0, 0.0),
                synergy("Joker", 1, 200.0, 0, 1, 0, 1, 0.0, 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenHandsWithoutJokers_whenProjected_thenTheyCountTowardNoKey(Batching batching) {
        batching.feed(List.of(
                hand("g1", 5000),
                hand("g1", 300, "Mime"),
                hand("g2", 7000),
                completed("g1", Outcome.WIN),
                completed("g2", Outcome.LOSS)));

        double wilson = ByHand.wilson(1, 0);
        assertThat(all(SynergySize.SINGLE)).containsExactly(synergy("Mime", 1, 300.0, 0, 1, 1, 0, 1.0, wilson));
        assertThat(all(SynergySize.PAIR)).isEmpty();
        assertThat(all(SynergySize.SET)).containsExactly(synergy("Mime", 1, 300.0, 0, 1, 1, 0, 1.0, wilson));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenAbandonedGame_whenProjected_thenItCountsAsAGameButNeitherWinNorLoss(Batching batching) {
        batching.feed(List.of(
                hand("g1", 400, "Mime", "Baron"),
                hand("g1", 600, "Mime"),
                completed("g1", Outcome.ABANDONED)));

        assertThat(all(SynergySize.SINGLE)).containsExactly(
                synergy("Baron", 1, 400.0, 0, 1, 0, 0, null, 0.0),
                synergy("Mime", 2, (double) (400 + 600) / 2, 0, 1, 0, 0, null, 0.0));
        assertThat(all(SynergySize.PAIR)).containsExactly(synergy("Baron+Mime", 1, 400.0, 0, 1, 0, 0, null, 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenUnfinishedGame_whenProjected_thenItCountsAsAGameButNeitherWinNorLoss(Batching batching) {
        batching.feed(List.of(
                hand("g1", 400, "Mime", "Baron"),
                hand("g1", 600, "Mime")));

        assertThat(all(SynergySize.SINGLE)).containsExactly(
                synergy("Baron", 1, 400.0, 0, 1, 0, 0, null, 0.0),
                synergy("Mime", 2, (double) (400 + 600) / 2, 0, 1, 0, 0, null, 0.0));
        assertThat(all(SynergySize.SET)).containsExactly(
                synergy("Baron+Mime", 1, 400.0, 0, 1, 0, 0, null, 0.0),
                synergy("Mime", 1, 600.0, 0, 1, 0, 0, null, 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenOneWonGame_whenProjected_thenWilsonIsTheBoundForOneTrial(Batching batching) {
        batching.feed(List.of(hand("g1", 100, "Mime"), completed("g1", Outcome.WIN)));

        Synergy mime = all(SynergySize.SINGLE).get(0);
        assertThat(mime.winRate()).isEqualTo(1.0);
        assertThat(mime.wilson()).isEqualTo(ByHand.wilson(1, 0));
        assertThat(mime.wilson()).isCloseTo(0.20654329147389294, within(1e-15));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenOneLostGame_whenProjected_thenWilsonIsZero(Batching batching) {
        batching.feed(List.of(hand("g1", 100, "Mime"), completed("g1", Outcome.LOSS)));

        assertThat(all(SynergySize.SINGLE)).containsExactly(synergy("Mime", 1, 100.0, 0, 1, 0, 1, 0.0, 0.0));
    }

    // With five losses the textbook formula lands a hair below zero in floating point; a key that never won
    // must still tie at 0 with a key whose games never finished, and rank ahead of it on win rate.
    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenFiveLostGames_whenSortedByWilson_thenWilsonIsZeroAndTiesBreakOnWinRate(Batching batching) {
        List<Runnable> events = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            events.add(hand("lost" + i, 100, "Mime"));
            events.add(completed("lost" + i, Outcome.LOSS));
        }
        events.add(hand("open", 100, "Baron"));
        batching.feed(events);

        assertThat(synergies.top(SynergySize.SINGLE, 0, Synergies.Sort.WILSON, 10)).containsExactly(
                synergy("Mime", 5, (double) 500 / 5, 0, 5, 0, 5, 0.0, 0.0),
                synergy("Baron", 1, 100.0, 0, 1, 0, 0, null, 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenScoresAroundTheThreshold_whenProjected_thenOnlyScoresAboveItAreHighScoreHands(Batching batching) {
        batching.feed(List.of(
                hand("g1", 9_999, "Mime"),
                hand("g1", 10_000, "Mime"),
                hand("g1", 10_001, "Mime"),
                hand("g1", 25_000, "Mime")));

        assertThat(all(SynergySize.SINGLE)).containsExactly(
                synergy("Mime", 4, (double) (9_999 + 10_000 + 10_001 + 25_000) / 4, 2, 1, 0, 0, null, 0.0));
    }

    @Test
    void givenConfiguredThreshold_whenProjected_thenHighScoreHandsUseIt() {
        SynergyProjection strict = new SynergyProjection(db.jdbc(), 20_000);
        Batching.ALL_IN_ONE_UNIT.feed(List.of(
                () -> strict.on(GameEvents.hand(10_001, "Mime"), game("g1")),
                () -> strict.on(GameEvents.hand(20_000, "Mime"), game("g1")),
                () -> strict.on(GameEvents.hand(20_001, "Mime"), game("g1"))));

        assertThat(all(SynergySize.SINGLE).get(0).highScoreHands()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenManyHandsPerGame_whenProjected_thenEachGameAndItsOutcomeCountOncePerKey(Batching batching) {
        batching.feed(List.of(
                hand("g1", 100, "Mime", "Baron"),
                hand("g2", 1000, "Mime"),
                hand("g1", 200, "Mime"),
                hand("g1", 300, "Mime", "Baron"),
                hand("g2", 1000, "Mime"),
                hand("g1", 400, "Baron", "Mime"),
                completed("g1", Outcome.WIN),
                completed("g2", Outcome.LOSS)));

        assertThat(all(SynergySize.SINGLE)).containsExactly(
                synergy("Mime", 6, (double) (100 + 1000 + 200 + 300 + 1000 + 400) / 6, 0, 2, 1, 1, 0.5,
                        ByHand.wilson(1, 1)),
                synergy("Baron", 3, (double) (100 + 300 + 400) / 3, 0, 1, 1, 0, 1.0, ByHand.wilson(1, 0)));
        assertThat(all(SynergySize.PAIR)).containsExactly(
                synergy("Baron+Mime", 3, (double) 800 / 3, 0, 1, 1, 0, 1.0, ByHand.wilson(1, 0)));
        assertThat(all(SynergySize.SET)).containsExactly(
                synergy("Mime", 3, (double) (200 + 1000 + 1000) / 3, 0, 2, 1, 1, 0.5, ByHand.wilson(1, 1)),
                synergy("Baron+Mime", 3, (double) 800 / 3, 0, 1, 1, 0, 1.0, ByHand.wilson(1, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenMixedGames_whenProjected_thenEveryKeyMatchesTheHandComputation(Batching batching) {
        batching.feed(mixedGames());

        assertMixedGames();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenProjectedGames_whenResetAndReplayed_thenKeysAreAsAfterOnePass(Batching batching) {
        batching.feed(mixedGames());

        projection.reset();

        assertThat(all(SynergySize.SINGLE)).isEmpty();
        assertThat(all(SynergySize.PAIR)).isEmpty();
        assertThat(all(SynergySize.SET)).isEmpty();
        // A replay starts the unfinished games over, so what they had played must be forgotten too.
        assertThat(db.count("synergy_game_key")).isZero();

        batching.feed(mixedGames());

        assertMixedGames();
    }

    @ParameterizedTest(name = "{0} keys held, {1} events a unit")
    @MethodSource("holdings")
    void givenHeldProjection_whenFedAndWrittenWhenFullAndAtTheEnd_thenKeysAreAsWrittenUnitByUnit(int heldKeys,
                                                                                            int eventsPerUnit) {
        projection = SynergyProjection.holding(db.jdbc(), THRESHOLD, heldKeys);

        feedHeld(mixedGames(), eventsPerUnit);
        projection.writeHeld();

        assertMixedGames();
        // g4 is still running: what it played (two singles, their pair, the set) is stored for its outcome to come.
        assertThat(db.count("synergy_game_key")).isEqualTo(4);
    }

    static Stream<Arguments> holdings() {
        return Stream.of(Arguments.of(1, 1), Arguments.of(1, 3), Arguments.of(5, 1), Arguments.of(5, 3),
                Arguments.of(1_000, 1), Arguments.of(1_000, 3), Arguments.of(1_000, Integer.MAX_VALUE));
    }

    @Test
    void givenHeldProjection_whenNotYetWritten_thenTheTablesHaveNothingAndItIsNotFull() {
        projection = SynergyProjection.holding(db.jdbc(), THRESHOLD, 1_000);

        feedHeld(mixedGames(), 3);

        assertThat(projection.full()).isFalse();
        assertThat(db.count("synergy")).isZero();
        assertThat(db.count("synergy_game_key")).isZero();
    }

    @Test
    void givenGameKeysStoredBeforeIt_whenAHeldProjectionHoldsAUnit_thenItRefusesToStartAndHoldsNothing() {
        Batching.ALL_IN_ONE_UNIT.feed(List.of(hand("g1", 100, "Mime")));
        projection = SynergyProjection.holding(db.jdbc(), THRESHOLD, 1_000);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Batching.ALL_IN_ONE_UNIT.feed(
                        List.of(hand("g1", 100, "Baron"))))
                .hasMessageContaining("starts on empty tables");
        projection.writeHeld();
        assertThat(all(SynergySize.SINGLE)).extracting(Synergy::key).containsExactly("Mime");
    }

    @Test
    void givenHeldProjectionAtItsBound_whenAsked_thenItIsFullUntilWritten() {
        projection = SynergyProjection.holding(db.jdbc(), THRESHOLD, 7);

        Batching.ALL_IN_ONE_UNIT.feed(List.of(hand("g1", 100, "Mime", "Baron", "Blueprint")));

        // Three singles, three pairs and the set.
        assertThat(projection.full()).isTrue();
        projection.writeHeld();
        assertThat(projection.full()).isFalse();
        assertThat(db.count("synergy")).isEqualTo(7);
    }

    /**
     * Random interleaved games from a small joker pool, so that keys and games span units and writes: a projection
     * holding a few keys at a time ends with exactly the rows and game keys of one writing every unit.
     */
    @ParameterizedTest(name = "{0} keys held")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 9, 40, 100_000})
    void givenRandomGames_whenHeldAndWrittenInPieces_thenTablesEqualThoseWrittenUnitByUnit(int heldKeys) {
        List<Runnable> live = new ArrayList<>();
        List<Runnable> held = new ArrayList<>();
        SynergyProjection heldProjection;
        try (ReadModelDatabase other = ReadModelDatabase.migrated()) {
            heldProjection = SynergyProjection.holding(other.jdbc(), THRESHOLD, heldKeys);
            java.util.Random random = new java.util.Random(heldKeys);
            String[] pool = {"Mime", "Baron", "Blueprint", "Joker", "Egg", "DNA", "Brainstorm"};
            List<String> running = new ArrayList<>();
            int next = 0;
            for (int i = 0; i < 600; i++) {
                if (running.size() < 6 || random.nextInt(10) == 0) {
                    running.add("r" + next++);
                }
                String game = running.get(random.nextInt(running.size()));
                if (random.nextInt(12) == 0) {
                    running.remove(game);
                    GameCompleted completed = GameEvents.completed(Outcome.values()[random.nextInt(3)], 2);
                    live.add(() -> projection.on(completed, game(game)));
                    held.add(() -> heldProjection.on(completed, game(game)));
                    continue;
                }
                String[] jokers = new String[random.nextInt(5)];
                for (int j = 0; j < jokers.length; j++) {
                    jokers[j] = pool[random.nextInt(pool.length)];
                }
                HandPlayed hand = GameEvents.hand(random.nextInt(20_000), jokers);
                live.add(() -> projection.on(hand, game(game)));
                held.add(() -> heldProjection.on(hand, game(game)));
            }
            Batching.THREE_EVENTS_PER_UNIT.feed(live);
            projection = heldProjection;
            feedHeld(held, 7);
            heldProjection.writeHeld();

            String rows = "SELECT size, key_hash, joker_key, jokers, hands, score_sum, avg_score, high_score_hands, "
                    + "games, wins, losses, win_rate, wilson FROM synergy ORDER BY size, key_hash";
            String gameKeys = "SELECT game_id, size, key_hash FROM synergy_game_key ORDER BY game_id, size, key_hash";
            assertThat(other.jdbc().queryForList(rows)).isNotEmpty().isEqualTo(db.jdbc().queryForList(rows));
            assertThat(other.jdbc().queryForList(gameKeys)).isNotEmpty()
                    .isEqualTo(db.jdbc().queryForList(gameKeys));
        }
    }

    /** Feeds units as a rebuild does: each its own unit of work, and what is held written whenever it is full. */
    private void feedHeld(List<Runnable> events, int eventsPerUnit) {
        for (int from = 0; from < events.size(); from += eventsPerUnit) {
            Batching.ALL_IN_ONE_UNIT.feed(events.subList(from, (int) Math.min(events.size(),
                    (long) from + eventsPerUnit)));
            if (projection.full()) {
                projection.writeHeld();
            }
        }
    }

    static Stream<Arguments> sortOrders() {
        return Stream.of(
                Arguments.of(Synergies.Sort.WIN_RATE, List.of("Baron", "Mime", "Egg", "Joker")),
                Arguments.of(Synergies.Sort.WILSON, List.of("Mime", "Baron", "Egg", "Joker")),
                Arguments.of(Synergies.Sort.AVG_SCORE, List.of("Baron", "Joker", "Mime", "Egg")),
                Arguments.of(Synergies.Sort.GAMES, List.of("Mime", "Egg", "Baron", "Joker")),
                Arguments.of(Synergies.Sort.HANDS, List.of("Joker", "Mime", "Egg", "Baron")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sortOrders")
    void givenKeysThatRankDifferently_whenSorted_thenOrderFollowsTheSortKey(Synergies.Sort sort, List<String> keys) {
        Batching.ALL_IN_ONE_UNIT.feed(rankingGames());

        assertThat(synergies.top(SynergySize.SINGLE, 0, sort, 10)).extracting(Synergy::key)
                .containsExactlyElementsOf(keys);
    }

    @Test
    void givenKeysThatRankDifferently_whenEachIsComputed_thenTheirNumbersMatchTheHandComputation() {
        Batching.ALL_IN_ONE_UNIT.feed(rankingGames());

        assertThat(synergies.top(SynergySize.SINGLE, 0, Synergies.Sort.WILSON, 10)).containsExactly(
                synergy("Mime", 4, (double) 4000 / 4, 0, 4, 3, 1, (double) 3 / 4, ByHand.wilson(3, 1)),
                synergy("Baron", 1, 50_000.0, 1, 1, 1, 0, 1.0, ByHand.wilson(1, 0)),
                synergy("Egg", 1, 10.0, 0, 1, 0, 1, 0.0, 0.0),
                synergy("Joker", 6, (double) 12_000 / 6, 0, 1, 0, 0, null, 0.0));
    }

    @Test
    void givenMinGames_whenQueried_thenKeysPlayedInFewerGamesAreLeftOut() {
        Batching.ALL_IN_ONE_UNIT.feed(rankingGames());

        assertThat(synergies.top(SynergySize.SINGLE, 2, Synergies.Sort.AVG_SCORE, 10)).extracting(Synergy::key)
                .containsExactly("Mime");
        assertThat(synergies.top(SynergySize.SINGLE, 1, Synergies.Sort.AVG_SCORE, 10)).hasSize(4);
        assertThat(synergies.top(SynergySize.SINGLE, 5, Synergies.Sort.AVG_SCORE, 10)).isEmpty();
    }

    @Test
    void givenLimit_whenQueried_thenOnlyTheBestKeysAreReturned() {
        Batching.ALL_IN_ONE_UNIT.feed(rankingGames());

        assertThat(synergies.top(SynergySize.SINGLE, 0, Synergies.Sort.AVG_SCORE, 2)).extracting(Synergy::key)
                .containsExactly("Baron", "Joker");
        assertThat(synergies.top(SynergySize.SINGLE, 0, Synergies.Sort.HANDS, 1)).extracting(Synergy::key)
                .containsExactly("Joker");
    }

    @Test
    void givenKeysOfEverySize_whenQueriedBySize_thenOnlyThatSizeIsReturned() {
        Batching.ALL_IN_ONE_UNIT.feed(List.of(hand("g1", 100, "Mime", "Baron")));

        assertThat(synergies.top(SynergySize.SINGLE, 0, Synergies.Sort.GAMES, 10)).extracting(Synergy::key)
                .containsExactly("Baron", "Mime");
        assertThat(synergies.top(SynergySize.PAIR, 0, Synergies.Sort.GAMES, 10)).extracting(Synergy::key)
                .containsExactly("Baron+Mime");
        assertThat(synergies.top(SynergySize.SET, 0, Synergies.Sort.GAMES, 10)).extracting(Synergy::key)
                .containsExactly("Baron+Mime");
    }

    /**
     * g1 won, g2 lost, g3 was abandoned, g4 is still running; g1 has a hand without jokers, g2 one with a
     * duplicate, and g2's 10,000 sits exactly on the threshold. Games interleave as agents would.
     */
    private List<Runnable> mixedGames() {
        return List.of(
                hand("g1", 12_000, "Mime", "Baron", "Blueprint"),
                hand("g2", 10_000, "Blueprint", "Mime", "Baron"),
                hand("g4", 2_000, "Mime", "Blueprint"),
                hand("g1", 3_000, "Baron", "Mime"),
                hand("g3", 10_001, "Baron"),
                hand("g2", 800, "Joker", "Joker", "Baron"),
                hand("g1", 500),
                completed("g3", Outcome.ABANDONED),
                completed("g1", Outcome.WIN),
                completed("g2", Outcome.LOSS));
    }

    private void assertMixedGames() {
        double oneOfTwo = ByHand.wilson(1, 1);
        assertThat(all(SynergySize.SINGLE)).containsExactly(
                synergy("Blueprint", 3, (double) (12_000 + 10_000 + 2_000) / 3, 1, 3, 1, 1, 0.5, oneOfTwo),
                synergy("Baron", 5, (double) (12_000 + 3_000 + 10_000 + 800 + 10_001) / 5, 2, 3, 1, 1, 0.5, oneOfTwo),
                synergy("Mime", 4, (double) (12_000 + 10_000 + 2_000 + 3_000) / 4, 1, 3, 1, 1, 0.5, oneOfTwo),
                synergy("Joker", 1, 800.0, 0, 1, 0, 1, 0.0, 0.0));
        assertThat(all(SynergySize.PAIR)).containsExactly(
                synergy("Blueprint+Mime", 3, (double) (12_000 + 10_000 + 2_000) / 3, 1, 3, 1, 1, 0.5, oneOfTwo),
                synergy("Baron+Mime", 3, (double) (12_000 + 10_000 + 3_000) / 3, 1, 2, 1, 1, 0.5, oneOfTwo),
                synergy("Baron+Blueprint", 2, (double) (12_000 + 10_000) / 2, 1, 2, 1, 1, 0.5, oneOfTwo),
                synergy("Baron+Joker", 1, 800.0, 0, 1, 0, 1, 0.0, 0.0));
        assertThat(all(SynergySize.SET)).containsExactly(
                synergy("Baron+Blueprint+Mime", 2, (double) (12_000 + 10_000) / 2, 1, 2, 1, 1, 0.5, oneOfTwo),
                synergy("Blueprint+Mime", 1, 2_000.0, 0, 1, 0, 0, null, 0.0),
                synergy("Baron+Mime", 1, 3_000.0, 0, 1, 1, 0, 1.0, ByHand.wilson(1, 0)),
                synergy("Baron", 1, 10_001.0, 1, 1, 0, 0, null, 0.0),
                synergy("Baron+Joker", 1, 800.0, 0, 1, 0, 1, 0.0, 0.0));
    }

    /**
     * Singles that rank differently under every sort key: Baron won its only game with one huge hand,
     * Mime won three of four games, Joker played six hands in a running game, Egg lost its only game.
     */
    private List<Runnable> rankingGames() {
        List<Runnable> events = new ArrayList<>();
        events.add(hand("gA", 50_000, "Baron"));
        for (String g : List.of("gA", "gB", "gC", "gD")) {
            events.add(hand(g, 1_000, "Mime"));
        }
        events.add(hand("gD", 10, "Egg"));
        for (int i = 0; i < 6; i++) {
            events.add(hand("gE", 2_000, "Joker"));
        }
        events.add(completed("gA", Outcome.WIN));
        events.add(completed("gB", Outcome.WIN));
        events.add(completed("gC", Outcome.WIN));
        events.add(completed("gD", Outcome.LOSS));
        return events;
    }

    /**
     * Every key of one size, most games first and then by key hash (SHA-256 hex of the key), so expectations
     * can be listed in order. The keys used here, in hash order: Blueprint+Mime 29cf3b, Egg 37c50c,
     * Baron+Mime 4786c9, Baron+Blueprint+Mime 52da96, Blueprint 696f52, Baron+Blueprint 7ad1c8, Baron 8ad4bc,
     * Baron+Joker 90c0f7, Joker d7439d, Mime ead881.
     */
    private List<Synergy> all(SynergySize size) {
        return synergies.top(size, 0, Synergies.Sort.GAMES, 1000);
    }

    private static Synergy synergy(String key, long hands, double avgScore, long highScoreHands, long games, long wins,
                                   long losses, Double winRate, double wilson) {
        return new Synergy(key, Arrays.asList(key.split("\\+")), hands, avgScore, highScoreHands, games, wins, losses,
                winRate, wilson);
    }

    private Runnable hand(String gameId, long finalScore, String... jokers) {
        HandPlayed hand = GameEvents.hand(finalScore, jokers);
        return () -> projection.on(hand, game(gameId));
    }

    private Runnable completed(String gameId, Outcome outcome) {
        GameCompleted completed = GameEvents.completed(outcome, 3);
        return () -> projection.on(completed, game(gameId));
    }
}
