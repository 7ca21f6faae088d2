package dev.ante.projections.antes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.Outcome;
import dev.ante.projections.Batching;
import dev.ante.projections.GameEvents;
import dev.ante.projections.ReadModelDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AnteStatsProjectionTest {

    private ReadModelDatabase db;
    private AnteStatsProjection projection;
    private AnteStats antes;

    @BeforeEach
    void setUp() {
        db = ReadModelDatabase.migrated();
        projection = new AnteStatsProjection(db.jdbc());
        antes = new AnteStats(db.jdbc());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenCompletedGames_whenProjected_thenEachAnteCountsGamesReachingItAndLossesAtIt(Batching batching) {
        batching.feed(outcomes());

        assertOutcomes();
    }

    @Test
    void givenNoCompletedGames_whenRead_thenThereAreNoAntes() {
        Batching.ALL_IN_ONE_UNIT.feed(List.of(completed(Outcome.ABANDONED, 4)));

        assertThat(antes.all()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenOnlyWinsAtOneAnte_whenProjected_thenEveryLowerAnteIsListedAsReached(Batching batching) {
        batching.feed(List.of(completed(Outcome.WIN, 3), completed(Outcome.WIN, 3)));

        assertThat(antes.all()).containsExactly(
                new AnteStat(1, 2, 0),
                new AnteStat(2, 2, 0),
                new AnteStat(3, 2, 0));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenProjectedGames_whenResetAndReplayed_thenAntesAreAsAfterOnePass(Batching batching) {
        batching.feed(outcomes());

        projection.reset();

        assertThat(antes.all()).isEmpty();

        batching.feed(outcomes());

        assertOutcomes();
    }

    /**
     * Completed games ending at antes 8 (WIN), 3, 3, 1 and 5 (LOSS); two ABANDONED games, one below the
     * highest ante and one above it, count nowhere and do not stretch the list.
     */
    private List<Runnable> outcomes() {
        return List.of(
                completed(Outcome.LOSS, 3),
                completed(Outcome.ABANDONED, 7),
                completed(Outcome.WIN, 8),
                completed(Outcome.LOSS, 1),
                completed(Outcome.ABANDONED, 12),
                completed(Outcome.LOSS, 5),
                completed(Outcome.LOSS, 3));
    }

    private void assertOutcomes() {
        // Final antes of the completed games: 8, 3, 3, 1, 5.
        assertThat(antes.all()).containsExactly(
                new AnteStat(1, 5, 1),
                new AnteStat(2, 4, 0),
                new AnteStat(3, 4, 2),
                new AnteStat(4, 2, 0),
                new AnteStat(5, 2, 1),
                new AnteStat(6, 1, 0),
                new AnteStat(7, 1, 0),
                new AnteStat(8, 1, 0));
    }

    private Runnable completed(Outcome outcome, int finalAnte) {
        GameCompleted completed = GameEvents.completed(outcome, finalAnte);
        return () -> projection.on(completed);
    }
}
