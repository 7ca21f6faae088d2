package dev.ante.domain.game;

import static dev.ante.domain.game.SampleGameEvents.blindSelected;
import static dev.ante.domain.game.SampleGameEvents.blindSkipped;
import static dev.ante.domain.game.SampleGameEvents.completed;
import static dev.ante.domain.game.SampleGameEvents.consumable;
import static dev.ante.domain.game.SampleGameEvents.decision;
import static dev.ante.domain.game.SampleGameEvents.defeated;
import static dev.ante.domain.game.SampleGameEvents.discarded;
import static dev.ante.domain.game.SampleGameEvents.hand;
import static dev.ante.domain.game.SampleGameEvents.purchased;
import static dev.ante.domain.game.SampleGameEvents.rerolled;
import static dev.ante.domain.game.SampleGameEvents.shop;
import static dev.ante.domain.game.SampleGameEvents.sold;
import static dev.ante.domain.game.SampleGameEvents.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class GameStateTest {

    private static GameState fold(GameEvent... events) {
        return GameState.fold(List.of(events));
    }

    @Test
    void givenNoEvents_whenInitial_thenNothingIsKnown() {
        GameState initial = GameState.initial();

        assertThat(initial.status()).isEqualTo(GameStatus.ACTIVE);
        assertThat(initial.revision()).isEqualTo(-1);
        assertThat(initial.started()).isFalse();
        assertThat(initial.completed()).isFalse();
        assertThat(initial.ante()).isNull();
        assertThat(initial.blindType()).isNull();
        assertThat(initial.phase()).isNull();
        assertThat(initial.money()).isNull();
        assertThat(initial.jokers()).isEmpty();
        assertThat(initial.handsPlayed()).isZero();
        assertThat(initial.bestHandScore()).isZero();
        assertThat(initial.handTypeCounts()).isEmpty();
        assertThat(initial.lastShop()).isNull();
        assertThat(initial.lastDecision()).isNull();
        assertThat(initial.agentId()).isNull();
        assertThat(initial.strategyId()).isNull();
        assertThat(initial.deck()).isNull();
        assertThat(initial.stake()).isNull();
        assertThat(initial.seed()).isNull();
        assertThat(GameState.fold(List.of())).isEqualTo(initial);
    }

    @Test
    void givenGameInProgress_whenFolded_thenStatusIsActive() {
        GameState state = fold(started(), blindSelected(1, BlindType.SMALL), hand(1, "Pair", 10));

        assertThat(state.status()).isEqualTo(GameStatus.ACTIVE);
        assertThat(state.started()).isTrue();
        assertThat(state.completed()).isFalse();
    }

    static Stream<Arguments> outcomes() {
        return Stream.of(
                arguments(Outcome.WIN, GameStatus.WON),
                arguments(Outcome.LOSS, GameStatus.LOST),
                arguments(Outcome.ABANDONED, GameStatus.ABANDONED));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("outcomes")
    void givenGame_whenCompletedWithOutcome_thenStatusFollowsIt(Outcome outcome, GameStatus status) {
        GameState state = fold(started(), completed(outcome, 1, 4, List.of()));

        assertThat(state.status()).isEqualTo(status);
        assertThat(state.completed()).isTrue();
    }

    @Test
    void givenEvents_whenFolded_thenRevisionIsTheLastEventsRevision() {
        assertThat(fold(started()).revision()).isZero();
        assertThat(fold(started(), blindSelected(1, BlindType.SMALL), hand(1, "Pair", 10)).revision())
                .isEqualTo(2);
    }

    @Test
    void givenGameStarted_whenFolded_thenNoAnteIsKnownYet() {
        assertThat(fold(started()).ante()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ante.domain.game.SampleGameEvents#atAnte")
    void givenGameAtAnte1_whenEventCarriesAnte2_thenAnteIs2(String type, IntFunction<GameEvent> atAnte) {
        GameState state = fold(started(), blindSelected(1, BlindType.SMALL)).evolve(atAnte.apply(2));

        assertThat(state.ante()).isEqualTo(2);
    }

    @Test
    void givenGameAtAnte3_whenCompleted_thenAnteIsTheFinalAnte() {
        GameState state = fold(started(), blindSelected(3, BlindType.BOSS),
                completed(Outcome.WIN, 8, 10, List.of()));

        assertThat(state.ante()).isEqualTo(8);
    }

    static Stream<Arguments> blindTypeAfterEachEvent() {
        // the state stands at SMALL before each event; only events about a blind may move it
        return Stream.of(
                arguments("BlindSelected", blindSelected(1, BlindType.BOSS), BlindType.BOSS),
                arguments("BlindSkipped", blindSkipped(1, BlindType.BOSS), BlindType.BOSS),
                arguments("HandPlayed", hand(1, BlindType.BOSS, "Pair", 10, List.of(), null), BlindType.BOSS),
                arguments("CardsDiscarded", discarded(1, BlindType.BOSS), BlindType.BOSS),
                arguments("BlindDefeated", defeated(1, BlindType.BOSS, 10), BlindType.BOSS),
                arguments("ShopEntered", shop(1, 10), BlindType.SMALL),
                arguments("ShopRerolled", rerolled(1, 5), BlindType.SMALL),
                arguments("ItemPurchased", purchased(1, ItemType.JOKER, "Joker", 1), BlindType.SMALL),
                arguments("JokerSold", sold(1, "Joker", 4), BlindType.SMALL),
                arguments("ConsumableUsed", consumable(1), BlindType.SMALL),
                arguments("DecisionMade", decision(1, Phase.PLAYING), BlindType.SMALL),
                arguments("GameCompleted", completed(Outcome.LOSS, 1, 0, List.of()), BlindType.SMALL));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("blindTypeAfterEachEvent")
    void givenSmallBlind_whenEventFollows_thenBlindTypeIsTheLatestImplied(String type, GameEvent event,
                                                                           BlindType expected) {
        GameState state = fold(started(), blindSelected(1, BlindType.SMALL)).evolve(event);

        assertThat(state.blindType()).isEqualTo(expected);
    }

    @Test
    void givenGameStarted_whenFolded_thenNoBlindIsKnownAndPhaseIsBlindSelect() {
        GameState state = fold(started());

        assertThat(state.blindType()).isNull();
        assertThat(state.phase()).isEqualTo(Phase.BLIND_SELECT);
    }

    static Stream<Arguments> phaseAfterEachEvent() {
        // the state stands in PACK before each event, a phase no event but DecisionMade implies
        return Stream.of(
                arguments("BlindSelected", blindSelected(1, BlindType.SMALL), Phase.PLAYING),
                arguments("BlindSkipped", blindSkipped(1, BlindType.SMALL), Phase.BLIND_SELECT),
                arguments("HandPlayed", hand(1, "Pair", 10), Phase.PLAYING),
                arguments("CardsDiscarded", discarded(1, BlindType.SMALL), Phase.PLAYING),
                arguments("BlindDefeated", defeated(1, BlindType.SMALL, 10), Phase.SHOP),
                arguments("ShopEntered", shop(1, 10), Phase.SHOP),
                arguments("ShopRerolled", rerolled(1, 5), Phase.SHOP),
                arguments("ItemPurchased", purchased(1, ItemType.VOUCHER, "Overstock", 1), Phase.SHOP),
                arguments("JokerSold", sold(1, "Joker", 4), Phase.PACK),
                arguments("ConsumableUsed", consumable(1), Phase.PACK),
                arguments("DecisionMade", decision(1, Phase.BLIND_SELECT), Phase.BLIND_SELECT),
                arguments("GameCompleted", completed(Outcome.LOSS, 1, 0, List.of()), Phase.PACK));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("phaseAfterEachEvent")
    void givenPackPhase_whenEventFollows_thenPhaseIsTheLatestImplied(String type, GameEvent event,
                                                                      Phase expected) {
        GameState state = fold(started(), decision(1, Phase.PACK)).evolve(event);

        assertThat(state.phase()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Phase.class)
    void givenAnyPhase_whenDecisionMade_thenPhaseIsTheDecisionsPhase(Phase phase) {
        assertThat(fold(started(), decision(1, phase)).phase()).isEqualTo(phase);
    }

    @Test
    void givenGameStarted_whenFolded_thenMoneyIsTheStartingMoney() {
        assertThat(fold(started(7)).money()).isEqualTo(7);
    }

    static Stream<Arguments> moneyAfterEachEvent() {
        return Stream.of(
                arguments("HandPlayed with moneyAfter", hand(1, BlindType.SMALL, "Pair", 10, List.of(), 9), 9),
                arguments("HandPlayed without moneyAfter", hand(1, BlindType.SMALL, "Pair", 10, List.of(), null),
                        4),
                arguments("BlindDefeated", defeated(1, BlindType.SMALL, 11), 11),
                arguments("ShopEntered", shop(1, 12), 12),
                arguments("ShopRerolled", rerolled(1, 2), 2),
                arguments("ItemPurchased", purchased(1, ItemType.CONSUMABLE, "Jupiter", 1), 1),
                arguments("JokerSold", sold(1, "Joker", 6), 6),
                arguments("GameCompleted", completed(Outcome.WIN, 1, 33, List.of()), 33),
                arguments("BlindSelected", blindSelected(1, BlindType.SMALL), 4),
                arguments("BlindSkipped", blindSkipped(1, BlindType.SMALL), 4),
                arguments("CardsDiscarded", discarded(1, BlindType.SMALL), 4),
                arguments("ConsumableUsed", consumable(1), 4),
                arguments("DecisionMade", decision(1, Phase.SHOP), 4));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("moneyAfterEachEvent")
    void givenMoney4_whenEventFollows_thenMoneyIsTheLatestReported(String type, GameEvent event, int expected) {
        GameState state = fold(started(4)).evolve(event);

        assertThat(state.money()).isEqualTo(expected);
    }

    @Test
    void givenHandPlayedWithOnlyMoneyBefore_whenFolded_thenMoneyIsUnchanged() {
        // moneyBefore describes the past; only what the hand left behind may move the balance
        HandPlayed hand = new HandPlayed(1, BlindType.SMALL, 1, List.of("AH"), "High Card", List.of(), 5, 1.0,
                null, 5, 1.0, 5, 99, null, null);

        assertThat(fold(started(4), hand).money()).isEqualTo(4);
    }

    @Test
    void givenHandPlayed_whenFolded_thenJokersAreTheHandsListInSlotOrder() {
        GameState state = fold(started(),
                hand(1, BlindType.SMALL, "Pair", 10, List.of("Joker", "Blueprint"), null),
                hand(1, BlindType.SMALL, "Pair", 10, List.of("Brainstorm", "Joker", "Joker"), null));

        assertThat(state.jokers()).containsExactly("Brainstorm", "Joker", "Joker");
    }

    @Test
    void givenJokers_whenJokerPurchased_thenItsNameIsAppended() {
        GameState state = fold(started(),
                hand(1, BlindType.SMALL, "Pair", 10, List.of("Joker"), null),
                purchased(1, ItemType.JOKER, "Blueprint", 2),
                purchased(1, ItemType.JOKER, "Joker", 0));

        assertThat(state.jokers()).containsExactly("Joker", "Blueprint", "Joker");
    }

    @ParameterizedTest
    @EnumSource(value = ItemType.class, names = "JOKER", mode = EnumSource.Mode.EXCLUDE)
    void givenJokers_whenAnotherItemTypeIsPurchased_thenJokersAreUnchanged(ItemType itemType) {
        GameState state = fold(started(),
                hand(1, BlindType.SMALL, "Pair", 10, List.of("Joker"), null),
                purchased(1, itemType, "Blueprint", 2));

        assertThat(state.jokers()).containsExactly("Joker");
    }

    @Test
    void givenTwoOfTheSameJoker_whenOneIsSold_thenOnlyOneOccurrenceIsRemoved() {
        GameState state = fold(started(),
                hand(1, BlindType.SMALL, "Pair", 10, List.of("Joker", "Blueprint", "Joker"), null),
                sold(1, "Joker", 5));

        assertThat(state.jokers()).containsExactly("Blueprint", "Joker");
    }

    @Test
    void givenJokers_whenAJokerNotHeldIsSold_thenJokersAreUnchanged() {
        GameState state = fold(started(),
                hand(1, BlindType.SMALL, "Pair", 10, List.of("Joker"), null),
                sold(1, "Blueprint", 5));

        assertThat(state.jokers()).containsExactly("Joker");
    }

    @Test
    void givenPurchasesAndSales_whenHandPlayed_thenTheHandsListReplacesThem() {
        // the agent's own report of what it holds wins over what was inferred from the shop
        GameState state = fold(started(),
                purchased(1, ItemType.JOKER, "Blueprint", 2),
                sold(1, "Blueprint", 3),
                purchased(1, ItemType.JOKER, "Joker", 0),
                hand(1, BlindType.SMALL, "Pair", 10, List.of("Brainstorm"), null));

        assertThat(state.jokers()).containsExactly("Brainstorm");
    }

    @Test
    void givenJokers_whenGameCompleted_thenJokersAreTheCompletionsList() {
        GameState state = fold(started(),
                hand(1, BlindType.SMALL, "Pair", 10, List.of("Joker"), null),
                purchased(1, ItemType.JOKER, "Blueprint", 2),
                completed(Outcome.WIN, 8, 40, List.of("Baron", "Mime")));

        assertThat(state.jokers()).containsExactly("Baron", "Mime");
    }

    @Test
    void givenFoldedJokers_whenTheEventsListChangesLater_thenTheStateKeepsItsCopy() {
        List<String> held = new ArrayList<>(List.of("Joker"));
        GameState state = fold(started(), hand(1, BlindType.SMALL, "Pair", 10, held, null));

        held.add("Blueprint");

        assertThat(state.jokers()).containsExactly("Joker");
        assertThatThrownBy(() -> state.jokers().add("Mime")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void givenHands_whenFolded_thenHandsPlayedCountsThem() {
        GameState state = fold(started(), hand(1, "Pair", 10), discarded(1, BlindType.SMALL),
                hand(1, "Flush", 20), hand(1, "Pair", 30));

        assertThat(state.handsPlayed()).isEqualTo(3);
    }

    @Test
    void givenHands_whenFolded_thenBestHandScoreIsTheHighestFinalScore() {
        GameState state = fold(started(), hand(1, "Pair", 300), hand(1, "Flush", 1200), hand(1, "Pair", 40));

        assertThat(state.bestHandScore()).isEqualTo(1200);
    }

    @Test
    void givenNoHands_whenGameCompletedReportsABestHandScore_thenBestHandScoreStaysZero() {
        // bestHandScore is what the stream's hands prove, not what the agent claims at the end
        GameState state = fold(started(), completed(Outcome.ABANDONED, 1, 4, List.of()));

        assertThat(state.bestHandScore()).isZero();
    }

    @Test
    void givenHands_whenFolded_thenHandTypeCountsCountEachHandType() {
        GameState state = fold(started(), hand(1, "Pair", 10), hand(1, "Flush", 20), hand(1, "Pair", 30),
                hand(1, "Straight", 40), hand(1, "Pair", 50));

        assertThat(state.handTypeCounts()).containsExactlyInAnyOrderEntriesOf(
                Map.of("Pair", 3, "Flush", 1, "Straight", 1));
        assertThatThrownBy(() -> state.handTypeCounts().put("Pair", 0))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void givenShops_whenFolded_thenLastShopIsTheLatestShopEntered() {
        ShopEntered second = shop(2, 30);

        GameState state = fold(started(), shop(1, 10), second, rerolled(2, 25));

        assertThat(state.lastShop()).isEqualTo(second);
    }

    @Test
    void givenDecisions_whenFolded_thenLastDecisionIsTheLatestDecisionMade() {
        DecisionMade second = decision(1, Phase.PLAYING);

        GameState state = fold(started(), decision(1, Phase.BLIND_SELECT), second, hand(1, "Pair", 10));

        assertThat(state.lastDecision()).isEqualTo(second);
    }

    @Test
    void givenGameStarted_whenFolded_thenIdentityComesFromIt() {
        GameState state = fold(new GameStarted("agent-1", "strat-9", "m-2", "ABC123", "Blue Deck",
                "Gold Stake", 4), blindSelected(1, BlindType.SMALL));

        assertThat(state.agentId()).isEqualTo("agent-1");
        assertThat(state.strategyId()).isEqualTo("strat-9");
        assertThat(state.seed()).isEqualTo("ABC123");
        assertThat(state.deck()).isEqualTo("Blue Deck");
        assertThat(state.stake()).isEqualTo("Gold Stake");
    }

    @Test
    void givenGameStartedWithoutStrategy_whenFolded_thenStrategyIdIsNull() {
        GameState state = fold(new GameStarted("agent-1", null, null, "ABC123", "Blue Deck", "Gold Stake", 4));

        assertThat(state.strategyId()).isNull();
        assertThat(state.agentId()).isEqualTo("agent-1");
    }

    @Test
    void givenState_whenEvolved_thenTheReceiverIsUnchanged() {
        List<GameEvent> prefix = List.of(started(), hand(1, BlindType.SMALL, "Pair", 10, List.of("Joker"), 5),
                shop(1, 9), decision(1, Phase.SHOP));
        GameState state = GameState.fold(prefix);
        GameState twin = GameState.fold(prefix);

        for (GameEvent event : SampleGameEvents.oneOfEach().subList(1, 13)) {
            state.evolve(event);
        }

        assertThat(state).isEqualTo(twin);
        assertThat(state.jokers()).containsExactly("Joker");
        assertThat(state.handTypeCounts()).containsExactly(Map.entry("Pair", 1));
    }

    @Test
    void givenState_whenTheSameEventIsFoldedTwice_thenBothResultsAreEqual() {
        GameState state = fold(started(), blindSelected(1, BlindType.SMALL));
        HandPlayed hand = hand(1, "Pair", 10);

        assertThat(state.evolve(hand)).isEqualTo(state.evolve(hand));
    }

    @Test
    void givenEvents_whenFoldedAtOnceOrOneByOne_thenTheResultsAreEqual() {
        List<GameEvent> events = SampleGameEvents.oneOfEach();
        GameState stepwise = GameState.initial();
        for (GameEvent event : events) {
            stepwise = stepwise.evolve(event);
        }

        assertThat(GameState.fold(events)).isEqualTo(stepwise);
    }

    @Test
    void givenTenThousandEvents_whenFolded_thenCountsAndRevisionAreRight() {
        String[] handTypes = {"Pair", "Flush", "Straight", "Two Pair"};
        List<GameEvent> events = new ArrayList<>(10_000);
        events.add(started(4));
        int hands = 0;
        int shops = 0;
        for (int i = 0; events.size() < 9_999; i++) {
            // the ante climbs slowly so the stream stays a legal game
            int ante = 1 + i / 1_000;
            switch (i % 4) {
                case 0, 2 -> {
                    events.add(hand(ante, BlindType.SMALL, handTypes[hands % handTypes.length], hands,
                            List.of("Joker"), null));
                    hands++;
                }
                case 1 -> {
                    events.add(shop(ante, i));
                    shops++;
                }
                default -> events.add(purchased(ante, ItemType.JOKER, "Blueprint", i));
            }
        }
        events.add(completed(Outcome.WIN, 10, 77, List.of("Joker", "Blueprint")));

        GameState state = GameState.fold(events);

        assertThat(events).hasSize(10_000);
        assertThat(hands).isEqualTo(4_999);
        assertThat(state.revision()).isEqualTo(9_999);
        assertThat(state.status()).isEqualTo(GameStatus.WON);
        assertThat(state.handsPlayed()).isEqualTo(hands);
        assertThat(state.bestHandScore()).isEqualTo(hands - 1);
        assertThat(state.handTypeCounts()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Pair", 1_250, "Flush", 1_250, "Straight", 1_250, "Two Pair", 1_249));
        assertThat(state.lastShop()).isEqualTo(shop(10, 9_997));
        assertThat(shops).isEqualTo(2_500);
        assertThat(state.ante()).isEqualTo(10);
        assertThat(state.money()).isEqualTo(77);
        assertThat(state.jokers()).containsExactly("Joker", "Blueprint");
    }
}
