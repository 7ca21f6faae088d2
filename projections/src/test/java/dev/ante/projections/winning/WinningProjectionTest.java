package dev.ante.projections.winning;

import static dev.ante.projections.GameEvents.at;
import static dev.ante.projections.GameEvents.game;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.game.Outcome;
import dev.ante.projections.Batching;
import dev.ante.projections.GameEvents;
import dev.ante.projections.ReadModelDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WinningProjectionTest {

    private static final WinningGame W1 = new WinningGame("w1", "agent-1", "alpha", "Red Deck", "White Stake", 8,
            25_000, List.of("Mime", "Baron", "Mime"), at(100));
    private static final WinningGame W2 = new WinningGame("w2", "agent-2", "bravo", "Blue Deck", "Red Stake", 9,
            12_000, List.of("Baron", "Mime"), at(101));
    private static final WinningGame W3 = new WinningGame("w3", "agent-1", null, "Red Deck", "White Stake", 8,
            7_000, List.of("Blueprint"), at(102));
    private static final WinningGame W4 = new WinningGame("w4", "agent-3", "charlie", "Blue Deck", "White Stake", 10,
            3_000, List.of("Joker", "Cavendish"), at(103));
    private static final WinningGame W5 = new WinningGame("w5", "agent-2", "alpha", "Red Deck", "Gold Stake", 8,
            7_000, List.of("Abstract Joker"), at(104));

    private ReadModelDatabase db;
    private WinningProjection projection;
    private Wins winning;

    @BeforeEach
    void setUp() {
        db = ReadModelDatabase.migrated();
        projection = new WinningProjection(db.jdbc());
        winning = new Wins(db.jdbc());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenGamesOfEveryOutcome_whenProjected_thenOnlyWinsAreListedFurthestAndBestFirst(Batching batching) {
        batching.feed(season());

        // w3 and w5 tie on ante and best hand, so the game id decides.
        assertThat(winning.games(null, null, null, 100)).containsExactly(W4, W2, W1, W3, W5);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenWonGames_whenProjected_thenBuildsGroupThemBySortedDistinctFinalJokers(Batching batching) {
        batching.feed(season());

        // w1's Mime, Baron, Mime and w2's Baron, Mime are one build; Blueprint and Abstract Joker tie on
        // wins and average, so the key decides.
        assertThat(winning.builds(1, 100)).containsExactly(
                new WinningBuild("Baron+Mime", List.of("Baron", "Mime"), 2, (double) (8 + 9) / 2),
                new WinningBuild("Cavendish+Joker", List.of("Cavendish", "Joker"), 1, 10.0),
                new WinningBuild("Abstract Joker", List.of("Abstract Joker"), 1, 8.0),
                new WinningBuild("Blueprint", List.of("Blueprint"), 1, 8.0));
    }

    @Test
    void givenFilters_whenWinningGamesRead_thenOnlyMatchingGamesAreListed() {
        Batching.ALL_IN_ONE_UNIT.feed(season());

        assertThat(winning.games("alpha", null, null, 100)).containsExactly(W1, W5);
        assertThat(winning.games(null, "Red Deck", null, 100)).containsExactly(W1, W3, W5);
        assertThat(winning.games(null, null, "White Stake", 100)).containsExactly(W4, W1, W3);
        assertThat(winning.games("alpha", "Red Deck", "White Stake", 100)).containsExactly(W1);
        assertThat(winning.games("delta", null, null, 100)).isEmpty();
    }

    @Test
    void givenLimits_whenRead_thenOnlyTheFirstGamesAndBuildsAreReturned() {
        Batching.ALL_IN_ONE_UNIT.feed(season());

        assertThat(winning.games(null, null, null, 2)).containsExactly(W4, W2);
        assertThat(winning.builds(1, 2)).extracting(WinningBuild::key)
                .containsExactly("Baron+Mime", "Cavendish+Joker");
    }

    @Test
    void givenMinWins_whenBuildsRead_thenBuildsWithFewerWinsAreLeftOut() {
        Batching.ALL_IN_ONE_UNIT.feed(season());

        assertThat(winning.builds(2, 100)).extracting(WinningBuild::key).containsExactly("Baron+Mime");
        assertThat(winning.builds(3, 100)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenWinWithoutHandsOrJokers_whenProjected_thenBestHandIsZeroAndTheBuildIsEmpty(Batching batching) {
        batching.feed(List.of(
                started("bare", "agent-1", "alpha", "Red Deck", "White Stake"),
                completed("bare", Outcome.WIN, 5, at(10))));

        assertThat(winning.games(null, null, null, 100)).containsExactly(
                new WinningGame("bare", "agent-1", "alpha", "Red Deck", "White Stake", 5, 0, List.of(), at(10)));
        assertThat(winning.builds(1, 100)).containsExactly(new WinningBuild("", List.of(), 1, 5.0));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenProjectedWins_whenResetAndReplayed_thenGamesAndBuildsAreAsAfterOnePass(Batching batching) {
        batching.feed(season());

        projection.reset();

        assertThat(winning.games(null, null, null, 100)).isEmpty();
        assertThat(winning.builds(1, 100)).isEmpty();
        assertThat(db.count("winning_progress")).isZero();

        batching.feed(season());

        assertThat(winning.games(null, null, null, 100)).containsExactly(W4, W2, W1, W3, W5);
        assertThat(winning.builds(1, 100)).extracting(WinningBuild::key, WinningBuild::wins).containsExactly(
                tuple("Baron+Mime", 2L),
                tuple("Cavendish+Joker", 1L),
                tuple("Abstract Joker", 1L),
                tuple("Blueprint", 1L));
    }

    /**
     * Five wins, a loss, an abandoned game and one still running, interleaved. The games that did not win
     * play the biggest hands, so that leaking them into any winning game would show.
     */
    private List<Runnable> season() {
        return List.of(
                started("w1", "agent-1", "alpha", "Red Deck", "White Stake"),
                started("w2", "agent-2", "bravo", "Blue Deck", "Red Stake"),
                started("l1", "agent-1", "alpha", "Red Deck", "White Stake"),
                hand("w1", 4_000),
                started("w3", "agent-1", null, "Red Deck", "White Stake"),
                hand("l1", 99_000),
                hand("w1", 25_000),
                started("a1", "agent-2", "bravo", "Blue Deck", "Red Stake"),
                hand("w2", 12_000),
                hand("a1", 88_000),
                started("u1", "agent-3", "charlie", "Blue Deck", "White Stake"),
                hand("w3", 7_000),
                hand("u1", 77_000),
                hand("w1", 9_000),
                completed("l1", Outcome.LOSS, 3, at(90), "Joker"),
                completed("a1", Outcome.ABANDONED, 5, at(91), "Joker"),
                started("w4", "agent-3", "charlie", "Blue Deck", "White Stake"),
                started("w5", "agent-2", "alpha", "Red Deck", "Gold Stake"),
                completed("w1", Outcome.WIN, 8, at(100), "Mime", "Baron", "Mime"),
                hand("w4", 3_000),
                hand("w5", 7_000),
                completed("w2", Outcome.WIN, 9, at(101), "Baron", "Mime"),
                completed("w3", Outcome.WIN, 8, at(102), "Blueprint"),
                completed("w4", Outcome.WIN, 10, at(103), "Joker", "Cavendish"),
                completed("w5", Outcome.WIN, 8, at(104), "Abstract Joker"));
    }

    private Runnable started(String gameId, String agentId, String strategyId, String deck, String stake) {
        GameStarted started = GameEvents.started(agentId, strategyId, deck, stake);
        return () -> projection.on(started, game(gameId));
    }

    private Runnable hand(String gameId, long finalScore) {
        HandPlayed hand = GameEvents.hand(finalScore, "Joker");
        return () -> projection.on(hand, game(gameId));
    }

    private Runnable completed(String gameId, Outcome outcome, int finalAnte, Instant at, String... jokers) {
        GameCompleted completed = GameEvents.completed(outcome, finalAnte, jokers);
        return () -> projection.on(completed, game(gameId), at);
    }
}
