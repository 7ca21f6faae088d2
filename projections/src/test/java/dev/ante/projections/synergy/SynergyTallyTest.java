package dev.ante.projections.synergy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.domain.game.Outcome;
import dev.ante.projections.support.JokerKeys;
import dev.ante.projections.synergy.SynergyTally.Delta;
import dev.ante.projections.synergy.SynergyTally.KeyId;
import dev.ante.projections.synergy.SynergyTally.Settlement;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The counting rules alone, on hand-computed values. */
class SynergyTallyTest {

    private static final KeyId SINGLE_A = id(SynergySize.SINGLE, "Abstract Joker");
    private static final KeyId SINGLE_B = id(SynergySize.SINGLE, "Blueprint");
    private static final KeyId SINGLE_C = id(SynergySize.SINGLE, "Cavendish");
    private static final KeyId PAIR_AB = id(SynergySize.PAIR, "Abstract Joker+Blueprint");
    private static final KeyId SET_AB = id(SynergySize.SET, "Abstract Joker+Blueprint");
    private static final KeyId SET_C = id(SynergySize.SET, "Cavendish");

    private final SynergyTally tally = new SynergyTally(10_000);

    @Test
    void givenAHandWithRepeatedJokers_whenSettled_thenSinglesPairAndSetAreCreditedOnceEach() {
        tally.hand("g1", List.of("Blueprint", "Abstract Joker", "Blueprint"), 15_000);

        Settlement s = tally.settle(Map.of());

        assertThat(s.deltas()).containsOnlyKeys(SINGLE_A, SINGLE_B, PAIR_AB, SET_AB);
        for (Delta d : s.deltas().values()) {
            assertThat(d.hands()).isEqualTo(1);
            assertThat(d.scoreSum()).isEqualTo(BigInteger.valueOf(15_000));
            assertThat(d.highScoreHands()).isEqualTo(1);
            assertThat(d.games()).isEqualTo(1);
            assertThat(d.wins() + d.losses()).isZero();
            assertThat(d.outcomeOnly()).isFalse();
        }
        assertThat(s.deltas().get(SET_AB).jokers()).containsExactly("Abstract Joker", "Blueprint");
        assertThat(s.newGameKeys()).containsOnlyKeys("g1");
        assertThat(s.newGameKeys().get("g1")).containsExactlyInAnyOrder(SINGLE_A, SINGLE_B, PAIR_AB, SET_AB);
        assertThat(s.finishedGames()).isEmpty();
    }

    @Test
    void givenScoresWhoseSumPassesTheLongRange_whenTalliedAndMerged_thenTheSumStaysExact() {
        BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
        tally.hand("g1", List.of("Cavendish"), Long.MAX_VALUE);
        tally.hand("g1", List.of("Cavendish"), Long.MAX_VALUE);
        Delta large = tally.settle(Map.of()).deltas().get(SET_C);
        assertThat(large.scoreSum()).isEqualTo(max.add(max));

        // A delta that fits a long merged with one that does not, and the other way round.
        Delta small = smallDelta(7);
        assertThat(small.merged(large).scoreSum()).isEqualTo(max.add(max).add(BigInteger.valueOf(7)));
        assertThat(large.merged(smallDelta(3)).scoreSum()).isEqualTo(max.add(max).add(BigInteger.valueOf(3)));
        // Two that fit a long each but not together.
        Delta nearMax = smallDelta(Long.MAX_VALUE - 1);
        assertThat(nearMax.merged(smallDelta(5)).scoreSum()).isEqualTo(max.add(BigInteger.valueOf(4)));
    }

    private static Delta smallDelta(long score) {
        SynergyTally one = new SynergyTally(10_000);
        one.hand("g9", List.of("Cavendish"), score);
        return one.settle(Map.of()).deltas().get(SET_C);
    }

    @Test
    void givenHandsWithoutJokers_whenSettled_thenNothingChanges() {
        tally.hand("g1", List.of(), 50_000);

        Settlement s = tally.settle(Map.of());

        assertThat(s.deltas()).isEmpty();
        assertThat(s.newGameKeys()).isEmpty();
    }

    @Test
    void givenAGameThatPlayedAKeyBefore_whenItPlaysItAgainAndWins_thenNoSecondGameAndOneWin() {
        tally.hand("g1", List.of("Abstract Joker"), 9_000);
        tally.completed("g1", Outcome.WIN);

        Settlement s = tally.settle(Map.of("g1", Set.of(SINGLE_A)));

        Delta a = s.deltas().get(SINGLE_A);
        assertThat(a.hands()).isEqualTo(1);
        assertThat(a.highScoreHands()).isZero();
        assertThat(a.games()).isZero();
        assertThat(a.wins()).isEqualTo(1);
        assertThat(a.losses()).isZero();
        assertThat(s.newGameKeys()).isEmpty();
        assertThat(s.finishedGames()).containsExactly("g1");
    }

    @Test
    void givenACompletionWithoutHands_whenSettled_thenEveryKeyPlayedBeforeGetsTheOutcomeAlone() {
        tally.completed("g1", Outcome.LOSS);

        Settlement s = tally.settle(Map.of("g1", Set.of(PAIR_AB, SINGLE_C)));

        assertThat(s.deltas()).containsOnlyKeys(PAIR_AB, SINGLE_C);
        for (Delta d : s.deltas().values()) {
            assertThat(d.outcomeOnly()).isTrue();
            assertThat(d.key()).isNull();
            assertThat(d.losses()).isEqualTo(1);
            assertThat(d.wins() + d.hands() + d.games()).isZero();
        }
        assertThat(s.finishedGames()).containsExactly("g1");
    }

    @Test
    void givenAnAbandonedGame_whenSettled_thenNoOutcomeIsCountedButItsKeysAreForgotten() {
        tally.hand("g1", List.of("Cavendish"), 100);
        tally.completed("g1", Outcome.ABANDONED);

        Settlement s = tally.settle(Map.of("g1", Set.of(SINGLE_A)));

        // A lone joker is a single and a set of one.
        assertThat(s.deltas()).containsOnlyKeys(SINGLE_C, SET_C);
        for (Delta d : s.deltas().values()) {
            assertThat(d.games()).isEqualTo(1);
            assertThat(d.wins() + d.losses()).isZero();
        }
        assertThat(s.finishedGames()).containsExactly("g1");
        assertThat(s.newGameKeys()).isEmpty();
    }

    @Test
    void givenTwoGamesAndSeveralHands_whenSettled_thenHandsAddUpAndEachGameCountsOncePerKey() {
        tally.hand("g1", List.of("Cavendish"), 100);
        tally.hand("g1", List.of("Cavendish"), 200);
        tally.hand("g2", List.of("Cavendish"), 20_000);
        tally.completed("g2", Outcome.WIN);

        Settlement s = tally.settle(Map.of());

        Delta c = s.deltas().get(SINGLE_C);
        assertThat(c.hands()).isEqualTo(3);
        assertThat(c.scoreSum()).isEqualTo(BigInteger.valueOf(20_300));
        assertThat(c.highScoreHands()).isEqualTo(1);
        assertThat(c.games()).isEqualTo(2);
        assertThat(c.wins()).isEqualTo(1);
        assertThat(s.newGameKeys()).containsOnlyKeys("g1");
        // g2 completed in the same run and had played nothing before: nothing to forget.
        assertThat(s.finishedGames()).isEmpty();
        assertThat(tally.games()).containsExactly("g1", "g2");
    }

    private static KeyId id(SynergySize size, String key) {
        return new KeyId(size, JokerKeys.hash(key));
    }
}
