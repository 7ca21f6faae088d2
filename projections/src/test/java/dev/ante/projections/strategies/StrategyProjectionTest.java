package dev.ante.projections.strategies;

import static dev.ante.projections.GameEvents.at;
import static dev.ante.projections.GameEvents.game;
import static dev.ante.projections.GameEvents.strategy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.game.Outcome;
import dev.ante.domain.strategy.StrategyEvaluated;
import dev.ante.domain.strategy.StrategyRegistered;
import dev.ante.domain.strategy.StrategyRetired;
import dev.ante.domain.strategy.StrategyRevised;
import dev.ante.projections.Batching;
import dev.ante.projections.ByHand;
import dev.ante.projections.GameEvents;
import dev.ante.projections.ReadModelDatabase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class StrategyProjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReadModelDatabase db;
    private StrategyProjection projection;
    private Strategies strategies;

    @BeforeEach
    void setUp() {
        db = ReadModelDatabase.migrated();
        projection = new StrategyProjection(db.jdbc());
        strategies = new Strategies(db.jdbc());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenStrategiesAndTheirGames_whenProjected_thenEachEntryMatchesTheHandComputation(Batching batching) {
        batching.feed(league());

        assertLeague();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenRegisteredRevisedEvaluatedAndRetiredStrategy_whenDetailRead_thenItsHistoryIsInStreamOrder(
            Batching batching) {
        batching.feed(league());

        StrategyDetail alpha = strategies.detail("alpha").orElseThrow();

        assertThat(alpha.strategyId()).isEqualTo("alpha");
        // The registration keeps what was registered, even though a revision changed the model since.
        assertThat(alpha.registration()).isEqualTo(new StrategyDetail.Registration("Greedy", "agent-1", "m1",
                json("{\"aggression\": 3, \"reroll\": true}"), at(1)));
        assertThat(alpha.revisions()).containsExactly(
                new StrategyDetail.Revision(1, "m2", json("{\"aggression\": 4}"), "more aggression", at(20)),
                new StrategyDetail.Revision(3, null, json("{\"aggression\": 5}"), null, at(40)));
        assertThat(alpha.evaluations()).containsExactly(
                new StrategyDetail.Evaluation(2, 10, 4, 5.5, at(30)),
                new StrategyDetail.Evaluation(4, 20, 9, 6.25, at(50)));
        assertThat(alpha.retired()).isEqualTo(new StrategyDetail.Retirement("superseded", at(60)));
        assertThat(alpha.stats()).isEqualTo(alphaEntry());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenStrategyOnlyNamedByGames_whenDetailRead_thenItHasStatsButNoRegistration(Batching batching) {
        batching.feed(league());

        StrategyDetail bravo = strategies.detail("bravo").orElseThrow();

        assertThat(bravo.registration()).isNull();
        assertThat(bravo.revisions()).isEmpty();
        assertThat(bravo.evaluations()).isEmpty();
        assertThat(bravo.retired()).isNull();
        assertThat(bravo.stats()).isEqualTo(bravoEntry());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenRegisteredStrategyWithoutGames_whenRead_thenDetailExistsButLeaderboardLeavesItOut(Batching batching) {
        batching.feed(league());

        StrategyDetail delta = strategies.detail("delta").orElseThrow();

        assertThat(delta.registration()).isEqualTo(new StrategyDetail.Registration("Idle", "agent-3", "m7",
                json("{}"), at(5)));
        assertThat(delta.stats()).isEqualTo(new LeaderboardEntry("delta", "Idle", "m7", 0, 0, 0, 0, null, 0.0, null, 0));
        assertThat(strategies.leaderboard(0, Strategies.Sort.GAMES, 100)).extracting(LeaderboardEntry::strategyId)
                .doesNotContain("delta");
    }

    @Test
    void givenUnknownStrategy_whenDetailRead_thenNothingIsFound() {
        Batching.ALL_IN_ONE_UNIT.feed(league());

        assertThat(strategies.detail("zulu")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenProjectedStrategies_whenResetAndReplayed_thenEntriesAreAsAfterOnePass(Batching batching) {
        batching.feed(league());

        projection.reset();

        assertThat(strategies.leaderboard(0, Strategies.Sort.GAMES, 100)).isEmpty();
        assertThat(strategies.detail("alpha")).isEmpty();
        // Which game belongs to which strategy is rebuilt by the replay; a stale mapping would double-count.
        assertThat(db.count("strategy_game")).isZero();

        batching.feed(league());

        assertLeague();
        StrategyDetail alpha = strategies.detail("alpha").orElseThrow();
        assertThat(alpha.revisions()).hasSize(2);
        assertThat(alpha.evaluations()).hasSize(2);
    }

    static Stream<Arguments> sortOrders() {
        return Stream.of(
                Arguments.of(Strategies.Sort.WILSON, List.of("charlie", "bravo", "alpha", "echo")),
                Arguments.of(Strategies.Sort.WIN_RATE, List.of("bravo", "charlie", "alpha", "echo")),
                Arguments.of(Strategies.Sort.GAMES, List.of("alpha", "charlie", "bravo", "echo")),
                Arguments.of(Strategies.Sort.COMPLETED, List.of("charlie", "alpha", "bravo", "echo")),
                Arguments.of(Strategies.Sort.AVG_FINAL_ANTE, List.of("bravo", "alpha", "charlie", "echo")),
                Arguments.of(Strategies.Sort.BEST_HAND_SCORE, List.of("alpha", "bravo", "charlie", "echo")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sortOrders")
    void givenStrategiesThatRankDifferently_whenSorted_thenOrderFollowsTheSortKey(Strategies.Sort sort,
                                                                                  List<String> order) {
        Batching.ALL_IN_ONE_UNIT.feed(league());

        assertThat(strategies.leaderboard(0, sort, 100)).extracting(LeaderboardEntry::strategyId)
                .containsExactlyElementsOf(order);
    }

    @Test
    void givenMinGamesAndLimit_whenLeaderboardRead_thenSmallerStrategiesAndTheRestAreLeftOut() {
        Batching.ALL_IN_ONE_UNIT.feed(league());

        assertThat(strategies.leaderboard(2, Strategies.Sort.WILSON, 100)).extracting(LeaderboardEntry::strategyId)
                .containsExactly("charlie", "alpha");
        assertThat(strategies.leaderboard(5, Strategies.Sort.WILSON, 100)).isEmpty();
        assertThat(strategies.leaderboard(0, Strategies.Sort.WILSON, 2)).extracting(LeaderboardEntry::strategyId)
                .containsExactly("charlie", "bravo");
    }

    @ParameterizedTest(name = "bound {0}, {1} events a unit")
    @org.junit.jupiter.params.provider.CsvSource({"1, 1", "1, 3", "2, 1", "3, 2", "5, 7", "1000, 1", "1000, 3",
            "1000, 1000"})
    void givenHeldProjection_whenFedAndWrittenWhenFullAndAtTheEnd_thenEveryTableIsAsWrittenUnitByUnit(int bound,
                                                                                              int eventsPerUnit) {
        List<Runnable> events = league();
        Batching.THREE_EVENTS_PER_UNIT.feed(events);
        try (ReadModelDatabase other = ReadModelDatabase.migrated()) {
            StrategyProjection held = StrategyProjection.holding(other.jdbc(), bound);
            projection = held;
            for (int from = 0; from < events.size(); from += eventsPerUnit) {
                Batching.ALL_IN_ONE_UNIT.feed(events.subList(from, Math.min(events.size(), from + eventsPerUnit)));
                if (held.full()) {
                    held.writeHeld();
                }
            }
            if (bound == 1000) {
                assertThat(other.count("strategy_stats")).isZero();
            }
            held.writeHeld();

            for (String table : List.of("strategy_stats ORDER BY strategy_id", "strategy_game ORDER BY game_id",
                    "strategy_revision ORDER BY strategy_id, revision",
                    "strategy_evaluation ORDER BY strategy_id, revision")) {
                String rows = "SELECT * FROM " + table;
                assertThat(other.jdbc().queryForList(rows)).as(table).isNotEmpty()
                        .isEqualTo(db.jdbc().queryForList(rows));
            }
            strategies = new Strategies(other.jdbc());
            assertLeague();
        }
    }

    @org.junit.jupiter.api.Test
    void givenAValueItsColumnCannotTake_whenAHeldProjectionHoldsTheUnit_thenTheUnitFailsAndNothingOfItIsHeld() {
        db.jdbc().execute("ALTER TABLE strategy_game ALTER COLUMN strategy_id SET DATA TYPE VARCHAR(4)");
        StrategyProjection held = StrategyProjection.holding(db.jdbc(), 1000);
        projection = held;

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Batching.ALL_IN_ONE_UNIT.feed(league()))
                .hasMessageContaining("strategy_game.strategy_id");
        held.writeHeld();
        assertThat(db.count("strategy_stats")).isZero();
        assertThat(db.count("strategy_game")).isZero();
    }

    @org.junit.jupiter.api.Test
    void givenRowsStoredBeforeIt_whenAHeldProjectionHoldsAUnit_thenItRefusesToStart() {
        Batching.ALL_IN_ONE_UNIT.feed(league().subList(0, 2));
        projection = StrategyProjection.holding(db.jdbc(), 10);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Batching.ALL_IN_ONE_UNIT.feed(league().subList(2, 3)))
                .hasMessageContaining("starts on empty tables; strategy_stats has");
    }

    private void assertLeague() {
        assertThat(strategies.leaderboard(0, Strategies.Sort.GAMES, 100)).containsExactly(
                alphaEntry(),
                new LeaderboardEntry("charlie", "Steady", null, 4, 4, 3, 1, (double) 3 / 4, ByHand.wilson(3, 1),
                        (double) (5 + 4 + 6 + 2) / 4, 200),
                bravoEntry(),
                new LeaderboardEntry("echo", null, null, 1, 0, 0, 0, null, 0.0, null, 0));
    }

    /**
     * Four games: a WIN at ante 8, a LOSS at 3, an ABANDONED at 2 (completed, so in avgFinalAnte, but
     * neither a win nor a loss) and one still running that played the best hand. The model version is the
     * revision's, the name the registration's.
     */
    private static LeaderboardEntry alphaEntry() {
        return new LeaderboardEntry("alpha", "Greedy", "m2", 4, 3, 1, 1, 0.5, ByHand.wilson(1, 1),
                (double) (8 + 3 + 2) / 3, 30_000);
    }

    private static LeaderboardEntry bravoEntry() {
        return new LeaderboardEntry("bravo", null, null, 1, 1, 1, 0, 1.0, ByHand.wilson(1, 0), 6.0, 5_000);
    }

    /**
     * alpha: registered, revised twice (the second time without a model), evaluated twice, retired; two of
     * its games start before its registration is seen. bravo: named by a game, never registered.
     * charlie: three wins and a loss. delta: registered, never played. echo: one game, still running,
     * no hands. A game without a strategy plays the biggest hand of all, which must count nowhere.
     */
    private List<Runnable> league() {
        Map<String, Object> registered = new LinkedHashMap<>();
        registered.put("aggression", 3);
        registered.put("reroll", true);
        return List.of(
                started("a1", "alpha"),
                hand("a1", 900),
                registered("alpha", new StrategyRegistered("Greedy", "agent-1", "m1", registered), at(1)),
                started("a2", "alpha"),
                registered("delta", new StrategyRegistered("Idle", "agent-3", "m7", Map.of()), at(5)),
                hand("a1", 15_000),
                started("b1", "bravo"),
                started("none", null),
                hand("none", 90_000),
                completed("none", Outcome.WIN, 9),
                revised("alpha", new StrategyRevised("m2", Map.of("aggression", 4), "more aggression"), 1, at(20)),
                hand("a2", 2_500),
                hand("b1", 5_000),
                hand("a1", 4_000),
                completed("a1", Outcome.WIN, 8),
                evaluated("alpha", new StrategyEvaluated(10, 4, 5.5), 2, at(30)),
                registered("charlie", new StrategyRegistered("Steady", "agent-2", null, Map.of()), at(31)),
                started("c1", "charlie"),
                started("c2", "charlie"),
                hand("c1", 150),
                hand("c2", 200),
                completed("c1", Outcome.WIN, 5),
                completed("a2", Outcome.LOSS, 3),
                started("a3", "alpha"),
                hand("a3", 700),
                completed("a3", Outcome.ABANDONED, 2),
                completed("b1", Outcome.WIN, 6),
                revised("alpha", new StrategyRevised(null, Map.of("aggression", 5), null), 3, at(40)),
                started("c3", "charlie"),
                hand("c3", 120),
                completed("c2", Outcome.WIN, 4),
                completed("c3", Outcome.WIN, 6),
                started("c4", "charlie"),
                hand("c4", 100),
                completed("c4", Outcome.LOSS, 2),
                started("a4", "alpha"),
                hand("a4", 30_000),
                evaluated("alpha", new StrategyEvaluated(20, 9, 6.25), 4, at(50)),
                started("e1", "echo"),
                retired("alpha", new StrategyRetired("superseded"), at(60)));
    }

    private Runnable started(String gameId, String strategyId) {
        GameStarted started = GameEvents.started("agent-1", strategyId);
        return () -> projection.on(started, game(gameId));
    }

    private Runnable hand(String gameId, long finalScore) {
        HandPlayed hand = GameEvents.hand(finalScore, "Joker");
        return () -> projection.on(hand, game(gameId));
    }

    private Runnable completed(String gameId, Outcome outcome, int finalAnte) {
        GameCompleted completed = GameEvents.completed(outcome, finalAnte, "Joker");
        return () -> projection.on(completed, game(gameId));
    }

    private Runnable registered(String strategyId, StrategyRegistered event, Instant at) {
        return () -> projection.on(event, strategy(strategyId), at);
    }

    private Runnable revised(String strategyId, StrategyRevised event, long revision, Instant at) {
        return () -> projection.on(event, strategy(strategyId), revision, at);
    }

    private Runnable evaluated(String strategyId, StrategyEvaluated event, long revision, Instant at) {
        return () -> projection.on(event, strategy(strategyId), revision, at);
    }

    private Runnable retired(String strategyId, StrategyRetired event, Instant at) {
        return () -> projection.on(event, strategy(strategyId), at);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
