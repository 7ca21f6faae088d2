package dev.ante.domain.game;

import static dev.ante.domain.Envelopes.T0;
import static dev.ante.domain.Envelopes.thrown;
import static dev.ante.domain.game.SampleGameEvents.blindSelected;
import static dev.ante.domain.game.SampleGameEvents.completed;
import static dev.ante.domain.game.SampleGameEvents.hand;
import static dev.ante.domain.game.SampleGameEvents.shop;
import static dev.ante.domain.game.SampleGameEvents.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.domain.AppendOutcome;
import dev.ante.domain.Envelopes;
import dev.ante.domain.EventIdConflictException;
import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.GameId;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.RejectedEventsException;
import dev.ante.domain.Violation;
import dev.ante.domain.WrongExpectedRevisionException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import dev.ante.domain.RecordingFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GameTest {

    private static final GameId GAME = GameId.of("g-1");
    private static final String STREAM = GAME.streamName();

    private RecordingFixture<GameEvent, Game> fixture;

    @BeforeEach
    void setUp() {
        fixture = new RecordingFixture<>(Game::new);
    }

    @Test
    void givenNoGame_whenBatchStartsWithGameStarted_thenEventsAreRecordedFromRevisionZero() {
        GameStarted start = started();
        BlindSelected select = blindSelected(1, BlindType.SMALL);

        fixture.givenNoPriorActivity()
                .when(batch(null, event(start), event(select)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(start, select)
                .expectResultMessagePayload(new AppendOutcome(STREAM, 0L, 1L, 1, 2, List.of()))
                .expectState(game -> assertThat(game.state().revision()).isEqualTo(1));
    }

    @Test
    void givenStartedGame_whenNextBatchArrives_thenRevisionsContinueTheStream() {
        HandPlayed hand = hand(1, "Pair", 300);
        CardsDiscarded discard = SampleGameEvents.discarded(1, BlindType.SMALL);

        givenRecorded(event(started()), event(blindSelected(1, BlindType.SMALL)))
                .when(batch(null, event(hand), event(discard)))
                .expectEvents(hand, discard)
                .expectResultMessagePayload(new AppendOutcome(STREAM, 2L, 3L, 3, 2, List.of()));
    }

    @Test
    void givenNoGame_whenFirstEventIsNotGameStarted_thenRejectedOnItsType() {
        fixture.givenNoPriorActivity()
                .when(batch(null, event(blindSelected(1, BlindType.SMALL))))
                .expectException(rejected(new Violation(0, "type", null)))
                .expectNoEvents();
    }

    @Test
    void givenStartedGame_whenGameStartedArrivesInALaterBatch_thenRejectedOnItsType() {
        givenRecorded(event(started()))
                .when(batch(null, event(started(10))))
                .expectException(rejected(new Violation(0, "type", null)))
                .expectNoEvents();
    }

    @Test
    void givenNoGame_whenBatchHoldsTwoGameStarted_thenTheSecondIsRejectedAndNothingIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(batch(null, event(started()), event(started(10))))
                .expectException(rejected(new Violation(1, "type", null)))
                .expectNoEvents();
    }

    static Stream<GameEvent> everyEventType() {
        return SampleGameEvents.oneOfEach().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEventType")
    void givenCompletedGame_whenAnyEventFollows_thenRejectedOnItsType(GameEvent late) {
        givenRecorded(event(started()), event(blindSelected(2, BlindType.BOSS)),
                event(completed(Outcome.LOSS, 2, 0, List.of())))
                .when(batch(null, event(late)))
                .expectException(rejected(new Violation(0, "type", null)))
                .expectNoEvents();
    }

    @Test
    void givenNoGame_whenEventFollowsGameCompletedInTheSameBatch_thenRejected() {
        fixture.givenNoPriorActivity()
                .when(batch(null, event(started()), event(completed(Outcome.ABANDONED, 1, 4, List.of())),
                        event(blindSelected(1, BlindType.SMALL))))
                .expectException(rejected(new Violation(2, "type", null)))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ante.domain.game.SampleGameEvents#atAnte")
    void givenGameAtAnte3_whenEventCarriesALowerAnte_thenRejectedOnDataAnte(String type,
                                                                           IntFunction<GameEvent> atAnte) {
        givenRecorded(event(started()), event(blindSelected(3, BlindType.SMALL)))
                .when(batch(null, event(atAnte.apply(2))))
                .expectException(rejected(new Violation(0, "data.ante", null)))
                .expectNoEvents();
    }

    @Test
    void givenGameAtAnte3_whenGameCompletedWithALowerFinalAnte_thenRejectedOnDataFinalAnte() {
        givenRecorded(event(started()), event(blindSelected(3, BlindType.SMALL)))
                .when(batch(null, event(completed(Outcome.LOSS, 2, 0, List.of()))))
                .expectException(rejected(new Violation(0, "data.finalAnte", null)))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0} at ante 3 and 4")
    @MethodSource("dev.ante.domain.game.SampleGameEvents#atAnte")
    void givenGameAtAnte3_whenEventCarriesTheSameOrAHigherAnte_thenRecorded(String type,
                                                                          IntFunction<GameEvent> atAnte) {
        GameEvent same = atAnte.apply(3);
        GameEvent higher = atAnte.apply(4);

        givenRecorded(event(started()), event(blindSelected(3, BlindType.SMALL)))
                .when(batch(null, event(same), event(higher)))
                .expectEvents(same, higher)
                .expectState(game -> assertThat(game.state().ante()).isEqualTo(4));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5})
    void givenGameAtAnte3_whenGameCompletedAtTheSameOrAHigherFinalAnte_thenRecorded(int finalAnte) {
        GameCompleted end = completed(Outcome.WIN, finalAnte, 30, List.of("Joker"));

        givenRecorded(event(started()), event(blindSelected(3, BlindType.SMALL)))
                .when(batch(null, event(end)))
                .expectEvents(end);
    }

    @Test
    void givenNoGame_whenAnteDropsLaterInTheSameBatch_thenTheDropIsRejected() {
        // the rule is checked against the batch's own earlier events, not only against the stream
        fixture.givenNoPriorActivity()
                .when(batch(null, event(started()), event(blindSelected(3, BlindType.SMALL)),
                        event(hand(2, "Pair", 100))))
                .expectException(rejected(new Violation(2, "data.ante", null)))
                .expectNoEvents();
    }

    @Test
    void givenRecordedEvent_whenRetriedWithTheSameContent_thenSkippedAndReportedAsDuplicate() {
        IncomingEvent<GameEvent> select = event(blindSelected(1, BlindType.SMALL));

        givenRecorded(event(started()), select)
                .when(batch(null, select))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new AppendOutcome(STREAM, null, null, 1, 0, List.of(0)));
    }

    @Test
    void givenRecordedEvent_whenRetriedWithDigitsBelowTheMicrosecond_thenStillADuplicate() {
        // agents may send nanoseconds; the contract keeps microseconds, so a retry must still match
        UUID id = UUID.randomUUID();
        Instant micros = Instant.parse("2026-11-23T10:15:30.123456Z");
        Instant nanos = Instant.parse("2026-11-23T10:15:30.123456789Z");
        GameStarted start = started();

        givenRecorded(Envelopes.envelope(id, micros, start))
                .when(batch(null, Envelopes.envelope(id, nanos, (GameEvent) start)))
                .expectNoEvents()
                .expectResultMessagePayload(new AppendOutcome(STREAM, null, null, 0, 0, List.of(0)));
    }

    @Test
    void givenRecordedEvents_whenBatchMixesARetryWithNewEvents_thenOnlyTheNewOnesAreAppended() {
        IncomingEvent<GameEvent> select = event(blindSelected(1, BlindType.SMALL));
        HandPlayed hand = hand(1, "Flush", 900);

        givenRecorded(event(started()), select)
                .when(batch(null, select, event(hand)))
                .expectEvents(hand)
                .expectResultMessagePayload(new AppendOutcome(STREAM, 2L, 2L, 2, 1, List.of(0)));
    }

    @Test
    void givenCompletedGame_whenTheCompletionIsRetried_thenItIsADuplicateRatherThanAViolation() {
        // a lost response after the last event must not turn the agent's retry into an error
        IncomingEvent<GameEvent> end = event(completed(Outcome.WIN, 8, 40, List.of("Joker")));

        givenRecorded(event(started()), end)
                .when(batch(null, end))
                .expectNoEvents()
                .expectResultMessagePayload(new AppendOutcome(STREAM, null, null, 1, 0, List.of(0)));
    }

    @Test
    void givenRecordedEvent_whenItsIdArrivesWithOtherData_thenConflict() {
        UUID id = UUID.randomUUID();

        givenRecorded(event(started()), Envelopes.envelope(id, T0, blindSelected(1, BlindType.SMALL)))
                .when(batch(null, event(hand(1, "Pair", 10)),
                        Envelopes.envelope(id, T0, (GameEvent) blindSelected(1, BlindType.BIG))))
                .expectException(thrown(EventIdConflictException.class, conflict -> {
                    assertThat(conflict.index()).isEqualTo(1);
                    assertThat(conflict.eventId()).isEqualTo(id);
                    assertThat(conflict.recordedRevision()).isEqualTo(1);
                }))
                .expectNoEvents();
    }

    @Test
    void givenRecordedEvent_whenItsIdArrivesWithAnotherOccurredAt_thenConflict() {
        UUID id = UUID.randomUUID();
        GameStarted start = started();

        givenRecorded(Envelopes.envelope(id, T0, start))
                .when(batch(null, Envelopes.envelope(id, T0.plusMillis(1), (GameEvent) start)))
                .expectException(thrown(EventIdConflictException.class,
                        conflict -> assertThat(conflict.recordedRevision()).isZero()))
                .expectNoEvents();
    }

    @Test
    void givenNoGame_whenTheSameEventAppearsTwiceInOneBatch_thenTheRepeatIsADuplicate() {
        GameStarted start = started();
        IncomingEvent<GameEvent> once = event(start);

        fixture.givenNoPriorActivity()
                .when(batch(null, once, once))
                .expectEvents(start)
                .expectResultMessagePayload(new AppendOutcome(STREAM, 0L, 0L, 0, 1, List.of(1)));
    }

    @Test
    void givenNoGame_whenOneIdCarriesTwoContentsInOneBatch_thenRejectedOnEventId() {
        UUID id = UUID.randomUUID();

        fixture.givenNoPriorActivity()
                .when(batch(null, Envelopes.envelope(id, T0, (GameEvent) started()),
                        Envelopes.envelope(id, T0, (GameEvent) blindSelected(1, BlindType.SMALL))))
                .expectException(rejected(new Violation(1, "eventId", null)))
                .expectNoEvents();
    }

    @Test
    void givenDuplicateFirstInBatch_whenALaterEventBreaksARule_thenTheViolationCarriesItsBatchIndex() {
        // duplicates are skipped before the rules run; the index must still point into what was sent
        IncomingEvent<GameEvent> start = event(started());

        givenRecorded(start)
                .when(batch(null, start, event(started(10))))
                .expectException(rejected(new Violation(1, "type", null)))
                .expectNoEvents();
    }

    @Test
    void givenNoGame_whenExpectingNoStream_thenRecorded() {
        GameStarted start = started();

        fixture.givenNoPriorActivity()
                .when(batch(-1L, event(start)))
                .expectEvents(start)
                .expectResultMessagePayload(new AppendOutcome(STREAM, 0L, 0L, 0, 1, List.of()));
    }

    @Test
    void givenNoGame_whenExpectingRevisionZero_thenMismatchReportsMinusOne() {
        fixture.givenNoPriorActivity()
                .when(batch(0L, event(started())))
                .expectException(mismatch(0, -1))
                .expectNoEvents();
    }

    @Test
    void givenGameAtRevision1_whenExpectingRevision1_thenRecorded() {
        HandPlayed hand = hand(1, "Pair", 40);

        givenRecorded(event(started()), event(blindSelected(1, BlindType.SMALL)))
                .when(batch(1L, event(hand)))
                .expectEvents(hand)
                .expectResultMessagePayload(new AppendOutcome(STREAM, 2L, 2L, 2, 1, List.of()));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 0, 2})
    void givenGameAtRevision1_whenExpectingAnotherRevision_thenMismatchReportsTheActualRevision(long expected) {
        givenRecorded(event(started()), event(blindSelected(1, BlindType.SMALL)))
                .when(batch(expected, event(hand(1, "Pair", 40))))
                .expectException(mismatch(expected, 1))
                .expectNoEvents();
    }

    @Test
    void givenStartedGame_whenAValidEventIsFollowedByAnInvalidOne_thenNothingIsRecorded() {
        givenRecorded(event(started()), event(blindSelected(2, BlindType.SMALL)))
                .when(batch(null, event(hand(2, "Pair", 40)), event(started())))
                .expectException(rejected(new Violation(1, "type", null)))
                .expectNoEvents();
    }

    @Test
    void givenStartedGame_whenABatchBreaksSeveralRules_thenEveryViolationIsReported() {
        givenRecorded(event(started()), event(blindSelected(3, BlindType.SMALL)))
                .when(batch(null,
                        event(hand(3, "Pair", 40)),
                        event(started()),
                        event(shop(2, 10)),
                        event(completed(Outcome.LOSS, 1, 0, List.of()))))
                .expectException(rejected(
                        new Violation(1, "type", null),
                        new Violation(2, "data.ante", null),
                        new Violation(3, "data.finalAnte", null)))
                .expectNoEvents();
    }

    @Test
    void givenNoGame_whenNoEventIsGameStarted_thenEachEventIsReported() {
        fixture.givenNoPriorActivity()
                .when(batch(null, event(blindSelected(1, BlindType.SMALL)), event(hand(1, "Pair", 10))))
                .expectException(rejected(new Violation(0, "type", null), new Violation(1, "type", null)))
                .expectNoEvents();
    }

    private RecordingFixture<GameEvent, Game> givenRecorded(IncomingEvent<?>... history) {
        return fixture.given(history);
    }

    private static IncomingEvent<GameEvent> event(GameEvent data) {
        return Envelopes.envelope(data);
    }

    @SafeVarargs
    private static RecordGameEvents batch(Long expectedRevision, IncomingEvent<GameEvent>... events) {
        return new RecordGameEvents(GAME, expectedRevision(expectedRevision), List.of(events));
    }

    /** Compares index and field only: messages are for people and may be reworded. */
    private static Matcher<Object> rejected(Violation... expected) {
        return thrown(RejectedEventsException.class, rejection -> {
            assertThat(rejection.violations())
                    .extracting(Violation::index, Violation::field)
                    .containsExactlyElementsOf(Arrays.stream(expected)
                            .map(v -> Tuple.tuple(v.index(), v.field()))
                            .toList());
            assertThat(rejection.violations()).allSatisfy(v -> assertThat(v.message()).isNotBlank());
        });
    }

    private static Matcher<Object> mismatch(long expected, long actual) {
        return thrown(WrongExpectedRevisionException.class, e -> {
            assertThat(e.stream()).isEqualTo(STREAM);
            assertThat(e.expected()).isEqualTo(ExpectedRevision.of(expected));
            assertThat(e.actualRevision()).isEqualTo(actual);
        });
    }

    /** The API's number form: null for no check, -1 for no stream, otherwise the last revision. */
    private static ExpectedRevision expectedRevision(Long number) {
        return number == null ? ExpectedRevision.any() : ExpectedRevision.of(number);
    }
}
