package dev.ante.simulator.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.domain.game.JokerEffect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringTest {

    private static final List<Card> FLUSH = cards("2H", "5H", "9H", "JH", "KH");

    @Test
    void givenAPairOfAcesAndNoJokers_whenScored_thenBaseChipsPlusCardChipsTimesTwo() {
        Scoring.Result r = score(cards("AS", "AD"), List.of());

        assertThat(r.type()).isEqualTo(HandType.PAIR);
        assertThat(r.finalScore()).isEqualTo((10 + 11 + 11) * 2);
    }

    @Test
    void givenAFlushAndNoJokers_whenScored_thenEveryCardScores() {
        Scoring.Result r = score(FLUSH, List.of());

        assertThat(r.type()).isEqualTo(HandType.FLUSH);
        assertThat(r.scoring()).hasSize(5);
        assertThat(r.finalScore()).isEqualTo(71 * 4);
    }

    @Test
    void givenFlushJokers_whenAFlushIsScored_thenTheyMultiplyWhilePairJokersDoNothing() {
        Scoring.Result flushBuild = score(FLUSH, jokers(Joker.DROLL_JOKER, Joker.THE_TRIBE));
        Scoring.Result pairBuild = score(FLUSH, jokers(Joker.SLY_JOKER, Joker.JOLLY_JOKER));

        assertThat(flushBuild.finalScore()).isEqualTo(71L * (4 + 10) * 2);
        assertThat(flushBuild.effects()).containsExactly(new JokerEffect("Droll Joker", "+mult", 10),
                new JokerEffect("The Tribe", "xmult", 2));
        assertThat(pairBuild.finalScore()).isEqualTo(71 * 4);
        assertThat(pairBuild.effects()).isEmpty();
    }

    @Test
    void givenBlueprintLeftOfAMultiplier_whenScored_thenItCopiesIt() {
        Scoring.Result copied = score(FLUSH, jokers(Joker.DROLL_JOKER, Joker.BLUEPRINT, Joker.THE_TRIBE));

        assertThat(copied.finalScore()).isEqualTo(71L * (4 + 10) * 2 * 2);
    }

    @Test
    void givenAMultiplierBeforeAnAdditiveJoker_whenScored_thenTheOrderCosts() {
        long good = score(FLUSH, jokers(Joker.DROLL_JOKER, Joker.THE_TRIBE)).finalScore();
        long bad = score(FLUSH, jokers(Joker.THE_TRIBE, Joker.DROLL_JOKER)).finalScore();

        assertThat(bad).isEqualTo(71L * (4 * 2 + 10)).isLessThan(good);
    }

    @Test
    void givenAceLowStraight_whenEvaluated_thenItIsAStraight() {
        assertThat(HandEvaluator.evaluate(cards("AS", "2D", "3C", "4H", "5S"), false, false).type())
                .isEqualTo(HandType.STRAIGHT);
    }

    @Test
    void givenFourFingers_whenFourSuitedCardsArePlayedWithAnother_thenOnlyTheFourScoreAsAFlush() {
        HandEvaluator.Evaluation e = HandEvaluator.evaluate(cards("2H", "5H", "9H", "JH", "KS"), true, false);

        assertThat(e.type()).isEqualTo(HandType.FLUSH);
        assertThat(e.scoring()).hasSize(4);
    }

    @Test
    void givenSmearedJoker_whenHeartsAndDiamondsArePlayed_thenTheyMakeAFlush() {
        assertThat(HandEvaluator.evaluate(cards("2H", "5D", "9H", "JD", "KH"), false, true).type())
                .isEqualTo(HandType.FLUSH);
        assertThat(HandEvaluator.evaluate(cards("2H", "5D", "9H", "JD", "KH"), false, false).type())
                .isEqualTo(HandType.HIGH_CARD);
    }

    @Test
    void givenTwoPairWithAKicker_whenEvaluated_thenTheKickerDoesNotScore() {
        HandEvaluator.Evaluation e = HandEvaluator.evaluate(cards("KS", "KD", "4C", "4H", "9S"), false, false);

        assertThat(e.type()).isEqualTo(HandType.TWO_PAIR);
        assertThat(e.scoring()).extracting(Card::toString).containsExactly("KS", "KD", "4C", "4H");
    }

    @Test
    void givenAFullHouse_whenEvaluated_thenItContainsAPairAndThreeOfAKind() {
        HandType type = HandEvaluator.evaluate(cards("QS", "QD", "QC", "7H", "7S"), false, false).type();

        assertThat(type).isEqualTo(HandType.FULL_HOUSE);
        assertThat(type.contains(HandType.PAIR)).isTrue();
        assertThat(type.contains(HandType.THREE_OF_A_KIND)).isTrue();
        assertThat(type.contains(HandType.FLUSH)).isFalse();
    }

    private static Scoring.Result score(List<Card> played, List<JokerSlot> jokers) {
        int[] levels = new int[HandType.values().length];
        Arrays.fill(levels, 1);
        Scoring.Context ctx = new Scoring.Context(levels, new int[HandType.values().length], 3, 4,
                Scoring.Debuff.NONE, false, -1, 4, 5, EnumSet.noneOf(HandType.class));
        return Scoring.score(played, List.of(), jokers, ctx, true);
    }

    private static List<JokerSlot> jokers(Joker... jokers) {
        List<JokerSlot> slots = new ArrayList<>();
        for (Joker j : jokers) {
            slots.add(new JokerSlot(j, j.cost()));
        }
        return slots;
    }

    private static List<Card> cards(String... names) {
        List<Card> cards = new ArrayList<>();
        for (String n : names) {
            cards.add(new Card("23456789TJQKA".indexOf(n.charAt(0)) + 2, n.charAt(1)));
        }
        return cards;
    }
}
