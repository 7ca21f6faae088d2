package dev.ante.projections.summary;

import static dev.ante.projections.GameEvents.at;
import static dev.ante.projections.GameEvents.game;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ante.domain.game.BlindDefeated;
import dev.ante.domain.game.BlindSelected;
import dev.ante.domain.game.BlindType;
import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.game.ItemPurchased;
import dev.ante.domain.game.ItemType;
import dev.ante.domain.game.Outcome;
import dev.ante.domain.game.ShopEntered;
import dev.ante.projections.Batching;
import dev.ante.projections.GameEvents;
import dev.ante.projections.ReadModelDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GameSummaryProjectionTest {

    private ReadModelDatabase db;
    private GameSummaryProjection projection;
    private GameSummaries summaries;

    @BeforeEach
    void setUp() {
        db = ReadModelDatabase.migrated();
        projection = new GameSummaryProjection(db.jdbc());
        summaries = new GameSummaries(db.jdbc());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenGameUnderway_whenProjected_thenSummaryIsTheFoldSoFar(Batching batching) {
        batching.feed(lostGame().subList(0, 7));

        // Money: 4 to start, a hand without moneyAfter keeps it, then 5, 8 from the blind, 8 in the shop,
        // 6 after buying a joker.
        assertThat(summary("g1")).isEqualTo(new GameSummary("g1", "agent-1", "alpha", "Red Deck", "White Stake",
                "ACTIVE", 1, 6, 2, 420, at(0), null, 6));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenCompletedGame_whenProjected_thenSummaryIsTheFoldOfTheWholeStream(Batching batching) {
        batching.feed(lostGame());

        // Ante and money are GameCompleted's; the best hand is the HandPlayed maximum, not GameCompleted's.
        assertThat(summary("g1")).isEqualTo(new GameSummary("g1", "agent-1", "alpha", "Red Deck", "White Stake",
                "LOST", 2, 7, 3, 1300, at(0), at(9), 9));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenGameInTwoStretches_whenSecondIsProjectedLater_thenSummaryIsAsIfProjectedAtOnce(Batching batching) {
        List<Runnable> events = lostGame();
        batching.feed(events.subList(0, 4));
        batching.feed(events.subList(4, events.size()));

        assertThat(summary("g1")).isEqualTo(new GameSummary("g1", "agent-1", "alpha", "Red Deck", "White Stake",
                "LOST", 2, 7, 3, 1300, at(0), at(9), 9));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenJustStartedGameWithoutStrategy_whenProjected_thenOnlyGameStartedFieldsAreKnown(Batching batching) {
        batching.feed(List.of(event("solo", new GameStarted("agent-9", null, null, "S", "Blue Deck", "Red Stake", 10),
                at(3))));

        assertThat(summary("solo")).isEqualTo(new GameSummary("solo", "agent-9", null, "Blue Deck", "Red Stake",
                "ACTIVE", null, 10, 0, 0, at(3), null, 0));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenGamesOfEveryOutcome_whenProjected_thenStatusFollowsTheOutcome(Batching batching) {
        batching.feed(sevenGames());

        assertThat(summaries.list(null, null, null, null, 100).items())
                .extracting(GameSummary::gameId, GameSummary::status, GameSummary::strategyId)
                .containsExactly(
                        tuple("g01", "WON", "alpha"),
                        tuple("g02", "LOST", "alpha"),
                        tuple("g03", "ACTIVE", "bravo"),
                        tuple("g04", "WON", null),
                        tuple("g05", "ABANDONED", "bravo"),
                        tuple("g06", "WON", "alpha"),
                        tuple("g07", "ACTIVE", null));
        assertThat(summary("g04")).isEqualTo(new GameSummary("g04", "agent-1", null, "Red Deck", "White Stake",
                "WON", 4, 0, 1, 1_004, at(40), at(41), 2));
        assertThat(summary("g07")).isEqualTo(new GameSummary("g07", "agent-2", null, "Red Deck", "White Stake",
                "ACTIVE", 1, 4, 1, 1_007, at(70), null, 1));
    }

    @Test
    void givenSevenGames_whenPagedByThree_thenPagesFollowGameIdAndTheLastHasNoNext() {
        Batching.ALL_IN_ONE_UNIT.feed(sevenGames());

        GameSummaries.Page first = summaries.list(null, null, null, null, 3);
        GameSummaries.Page second = summaries.list(null, null, null, first.nextAfter(), 3);
        GameSummaries.Page third = summaries.list(null, null, null, second.nextAfter(), 3);

        assertThat(first.items()).extracting(GameSummary::gameId).containsExactly("g01", "g02", "g03");
        assertThat(first.nextAfter()).isEqualTo("g03");
        assertThat(second.items()).extracting(GameSummary::gameId).containsExactly("g04", "g05", "g06");
        assertThat(second.nextAfter()).isEqualTo("g06");
        assertThat(third.items()).extracting(GameSummary::gameId).containsExactly("g07");
        assertThat(third.nextAfter()).isNull();
    }

    @Test
    void givenLimitEqualToTheRowCount_whenListed_thenThereIsNoNextPage() {
        Batching.ALL_IN_ONE_UNIT.feed(sevenGames());

        assertThat(summaries.list(null, null, null, null, 7).nextAfter()).isNull();
        assertThat(summaries.list(null, null, null, null, 6).nextAfter()).isEqualTo("g06");
        assertThat(summaries.list(null, null, null, "g07", 3).items()).isEmpty();
    }

    @Test
    void givenFilters_whenListed_thenOnlyMatchingGamesArePagedThrough() {
        Batching.ALL_IN_ONE_UNIT.feed(sevenGames());

        GameSummaries.Page won = summaries.list("WON", null, null, null, 2);
        assertThat(won.items()).extracting(GameSummary::gameId).containsExactly("g01", "g04");
        assertThat(won.nextAfter()).isEqualTo("g04");
        GameSummaries.Page wonRest = summaries.list("WON", null, null, won.nextAfter(), 2);
        assertThat(wonRest.items()).extracting(GameSummary::gameId).containsExactly("g06");
        assertThat(wonRest.nextAfter()).isNull();

        assertThat(ids(summaries.list(null, "alpha", null, null, 100))).containsExactly("g01", "g02", "g06");
        assertThat(ids(summaries.list(null, null, "agent-2", null, 100))).containsExactly("g02", "g05", "g07");
        assertThat(ids(summaries.list("ACTIVE", null, "agent-1", null, 100))).containsExactly("g03");
        assertThat(ids(summaries.list("ABANDONED", "bravo", "agent-2", null, 100))).containsExactly("g05");
        assertThat(ids(summaries.list(null, "alpha", null, "g01", 100))).containsExactly("g02", "g06");
        assertThat(ids(summaries.list("LOST", "bravo", null, null, 100))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenProjectedGames_whenResetAndReplayed_thenSummariesAreAsAfterOnePass(Batching batching) {
        batching.feed(lostGame());

        projection.reset();

        assertThat(summaries.list(null, null, null, null, 100).items()).isEmpty();

        batching.feed(lostGame());

        assertThat(summaries.list(null, null, null, null, 100).items()).containsExactly(new GameSummary("g1",
                "agent-1", "alpha", "Red Deck", "White Stake", "LOST", 2, 7, 3, 1300, at(0), at(9), 9));
    }

    @ParameterizedTest(name = "{0} games held, {1} events a unit")
    @org.junit.jupiter.params.provider.CsvSource({"1, 1", "1, 3", "2, 1", "2, 3", "3, 7", "100, 1", "100, 3",
            "100, 1000"})
    void givenHeldProjection_whenFedAndWrittenWhenFullAndAtTheEnd_thenRowsAreAsWrittenUnitByUnit(int heldGames,
                                                                                        int eventsPerUnit) {
        List<Runnable> events = new ArrayList<>();
        List<Runnable> one = lostGame();
        List<Runnable> seven = sevenGames();
        for (int i = 0; i < Math.max(one.size(), seven.size()); i++) {
            if (i < one.size()) {
                events.add(one.get(i));
            }
            if (i < seven.size()) {
                events.add(seven.get(i));
            }
        }
        Batching.THREE_EVENTS_PER_UNIT.feed(events);
        try (ReadModelDatabase other = ReadModelDatabase.migrated()) {
            GameSummaryProjection held = GameSummaryProjection.holding(other.jdbc(), heldGames);
            projection = held;
            for (int from = 0; from < events.size(); from += eventsPerUnit) {
                Batching.ALL_IN_ONE_UNIT.feed(events.subList(from, Math.min(events.size(), from + eventsPerUnit)));
                if (held.full()) {
                    held.writeHeld();
                }
            }
            if (heldGames == 100) {
                assertThat(other.count("game_summary")).isZero();
            }
            held.writeHeld();

            String rows = "SELECT * FROM game_summary ORDER BY game_id";
            assertThat(other.jdbc().queryForList(rows)).hasSize(8).isEqualTo(db.jdbc().queryForList(rows));
        }
    }

    @Test
    void givenAValueItsColumnCannotTake_whenAHeldProjectionHoldsTheUnit_thenTheUnitFailsAndNothingOfItIsHeld() {
        db.jdbc().execute("ALTER TABLE game_summary ALTER COLUMN agent_id SET DATA TYPE VARCHAR(5)");
        GameSummaryProjection held = GameSummaryProjection.holding(db.jdbc(), 10);
        projection = held;

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Batching.ALL_IN_ONE_UNIT.feed(lostGame()))
                .hasMessage("Value too long for column game_summary.agent_id (7 characters, at most 5)");
        held.writeHeld();
        assertThat(db.count("game_summary")).isZero();
    }

    @Test
    void givenRowsStoredBeforeIt_whenAHeldProjectionHoldsAUnit_thenItRefusesToStart() {
        Batching.ALL_IN_ONE_UNIT.feed(lostGame().subList(0, 2));
        projection = GameSummaryProjection.holding(db.jdbc(), 10);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Batching.ALL_IN_ONE_UNIT.feed(
                lostGame().subList(2, 3))).hasMessageContaining("starts on empty tables; game_summary has 1 rows");
    }

    /** One game through a blind, the shop and into the next ante, then lost; event i happens at second i. */
    private List<Runnable> lostGame() {
        List<GameEvent> events = List.of(
                new GameStarted("agent-1", "alpha", "m1", "SEED1234", "Red Deck", "White Stake", 4),
                new BlindSelected(1, BlindType.SMALL, "Small Blind", 300),
                GameEvents.hand(1, BlindType.SMALL, 1, 150, null),
                GameEvents.hand(1, BlindType.SMALL, 2, 420, 5),
                new BlindDefeated(1, BlindType.SMALL, 570, 3, 8),
                new ShopEntered(1, 8, List.of(), 5),
                new ItemPurchased(1, ItemType.JOKER, "Joker", 2, 6),
                new BlindSelected(2, BlindType.BIG, "Big Blind", 1200),
                GameEvents.hand(2, BlindType.BIG, 1, 1300, 6, "Joker"),
                new GameCompleted(Outcome.LOSS, 2, 7, 999_999, List.of("Joker")));
        List<Runnable> runs = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            runs.add(event("g1", events.get(i), at(i)));
        }
        return runs;
    }

    /**
     * g01..g07, interleaved: game n starts at second 10n, plays one hand scoring 1,000 + n and, unless it is
     * still running, completes at second 10n + 1 at ante n.
     */
    private List<Runnable> sevenGames() {
        String[][] games = {
                {"g01", "agent-1", "alpha", "WIN"},
                {"g02", "agent-2", "alpha", "LOSS"},
                {"g03", "agent-1", "bravo", null},
                {"g04", "agent-1", null, "WIN"},
                {"g05", "agent-2", "bravo", "ABANDONED"},
                {"g06", "agent-1", "alpha", "WIN"},
                {"g07", "agent-2", null, null}};
        List<Runnable> starts = new ArrayList<>();
        List<Runnable> rest = new ArrayList<>();
        for (int n = 1; n <= games.length; n++) {
            String[] g = games[n - 1];
            starts.add(event(g[0], GameEvents.started(g[1], g[2]), at(10L * n)));
            rest.add(event(g[0], GameEvents.hand(1, BlindType.SMALL, 1, 1_000 + n, null), at(10L * n)));
            if (g[3] != null) {
                rest.add(event(g[0], GameEvents.completed(Outcome.valueOf(g[3]), n), at(10L * n + 1)));
            }
        }
        List<Runnable> all = new ArrayList<>(starts);
        all.addAll(rest);
        return all;
    }

    private GameSummary summary(String gameId) {
        return summaries.list(null, null, null, null, 1000).items().stream()
                .filter(s -> s.gameId().equals(gameId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no summary for " + gameId));
    }

    private static List<String> ids(GameSummaries.Page page) {
        return page.items().stream().map(GameSummary::gameId).toList();
    }

    private Runnable event(String gameId, GameEvent event, Instant at) {
        return () -> projection.on(event, game(gameId), at);
    }
}
