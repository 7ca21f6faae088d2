package dev.ante.domain.strategy;

import static dev.ante.domain.Envelopes.T0;
import static dev.ante.domain.Envelopes.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.domain.AppendOutcome;
import dev.ante.domain.Envelopes;
import dev.ante.domain.EventIdConflictException;
import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.RejectedEventsException;
import dev.ante.domain.StrategyId;
import dev.ante.domain.Violation;
import dev.ante.domain.WrongExpectedRevisionException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import dev.ante.domain.RecordingFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrategyTest {

    private static final StrategyId STRATEGY = StrategyId.of("greedy-v2");
    private static final String STREAM = STRATEGY.streamName();

    private RecordingFixture<StrategyEvent, Strategy> fixture;

    @BeforeEach
    void setUp() {
        fixture = new RecordingFixture<>(Strategy::new);
    }

    static StrategyRegistered registered() {
        return new StrategyRegistered("Greedy", "agent-7", "model-3", Map.of("temperature", 0.7, "maxRerolls", 2));
    }

    static StrategyRevised revised() {
        return new StrategyRevised("model-4", Map.of("temperature", 0.5), "lower variance");
    }

    static StrategyEvaluated evaluated() {
        return new StrategyEvaluated(100, 31, 5.4);
    }

    static StrategyRetired retired() {
        return new StrategyRetired("superseded");
    }

    static Stream<StrategyEvent> everyEventType() {
        return Stream.of(registered(), revised(), evaluated(), retired());
    }

    static Stream<StrategyEvent> everyEventTypeButRegistration() {
        return Stream.of(revised(), evaluated(), retired());
    }

    @Test
    void givenNoStrategy_whenRegisteredAndEvaluated_thenRecordedFromRevisionZero() {
        StrategyRegistered registration = registered();
        StrategyEvaluated evaluation = evaluated();

        fixture.givenNoPriorActivity()
                .when(batch(null, event(registration), event(evaluation)))
                .expectEvents(registration, evaluation)
                .expectResultMessagePayload(new AppendOutcome(STREAM, 0L, 1L, 1, 2, List.of()))
                .expectState(strategy -> assertThat(strategy.revision()).isEqualTo(1));
    }

    @Test
    void givenRegisteredStrategy_whenRevisedEvaluatedAndRetired_thenAllAreRecorded() {
        StrategyRevised revision = revised();
        StrategyEvaluated evaluation = evaluated();
        StrategyRetired retirement = retired();

        givenRecorded(event(registered()))
                .when(batch(null, event(revision), event(evaluation), event(retirement)))
                .expectEvents(revision, evaluation, retirement)
                .expectResultMessagePayload(new AppendOutcome(STREAM, 1L, 3L, 3, 3, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEventTypeButRegistration")
    void givenNoStrategy_whenFirstEventIsNotARegistration_thenRejectedOnItsType(StrategyEvent first) {
        fixture.givenNoPriorActivity()
                .when(batch(null, event(first)))
                .expectException(rejected(new Violation(0, "type", null)))
                .expectNoEvents();
    }

    @Test
    void givenRegisteredStrategy_whenRegisteredAgain_thenRejected() {
        givenRecorded(event(registered()))
                .when(batch(null, event(registered())))
                .expectException(rejected(new Violation(0, "type", null)))
                .expectNoEvents();
    }

    @Test
    void givenNoStrategy_whenRegisteredTwiceInOneBatch_thenTheSecondIsRejected() {
        fixture.givenNoPriorActivity()
                .when(batch(null, event(registered()), event(revised()), event(registered())))
                .expectException(rejected(new Violation(2, "type", null)))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEventType")
    void givenRetiredStrategy_whenAnyEventFollows_thenRejected(StrategyEvent late) {
        givenRecorded(event(registered()), event(retired()))
                .when(batch(null, event(late)))
                .expectException(rejected(new Violation(0, "type", null)))
                .expectNoEvents();
    }

    @Test
    void givenNoStrategy_whenAnEventFollowsRetirementInTheSameBatch_thenRejected() {
        fixture.givenNoPriorActivity()
                .when(batch(null, event(registered()), event(retired()), event(evaluated())))
                .expectException(rejected(new Violation(2, "type", null)))
                .expectNoEvents();
    }

    @Test
    void givenNoStrategy_whenSeveralEventsBreakTheRules_thenEveryViolationIsReported() {
        fixture.givenNoPriorActivity()
                .when(batch(null, event(revised()), event(registered()), event(retired()), event(revised())))
                .expectException(rejected(new Violation(0, "type", null), new Violation(3, "type", null)))
                .expectNoEvents();
    }

    @Test
    void givenRecordedEvent_whenRetried_thenSkippedAndReportedAsDuplicate() {
        IncomingEvent<StrategyEvent> evaluation = event(evaluated());

        givenRecorded(event(registered()), evaluation)
                .when(batch(null, evaluation))
                .expectNoEvents()
                .expectResultMessagePayload(new AppendOutcome(STREAM, null, null, 1, 0, List.of(0)));
    }

    @Test
    void givenRetiredStrategy_whenTheRetirementIsRetried_thenItIsADuplicateRatherThanAViolation() {
        IncomingEvent<StrategyEvent> retirement = event(retired());

        givenRecorded(event(registered()), retirement)
                .when(batch(null, retirement))
                .expectNoEvents()
                .expectResultMessagePayload(new AppendOutcome(STREAM, null, null, 1, 0, List.of(0)));
    }

    @Test
    void givenRecordedEvents_whenBatchMixesARetryWithANewEvent_thenOnlyTheNewOneIsAppended() {
        IncomingEvent<StrategyEvent> registration = event(registered());
        StrategyRevised revision = revised();

        givenRecorded(registration)
                .when(batch(null, registration, event(revision)))
                .expectEvents(revision)
                .expectResultMessagePayload(new AppendOutcome(STREAM, 1L, 1L, 1, 1, List.of(0)));
    }

    @Test
    void givenRecordedEvent_whenItsIdArrivesWithOtherData_thenConflict() {
        UUID id = UUID.randomUUID();

        givenRecorded(event(registered()), Envelopes.envelope(id, T0, evaluated()))
                .when(batch(null, Envelopes.envelope(id, T0, (StrategyEvent) new StrategyEvaluated(100, 32, 5.4))))
                .expectException(thrown(EventIdConflictException.class, conflict -> {
                    assertThat(conflict.index()).isZero();
                    assertThat(conflict.eventId()).isEqualTo(id);
                    assertThat(conflict.recordedRevision()).isEqualTo(1);
                }))
                .expectNoEvents();
    }

    @Test
    void givenNoStrategy_whenTheSameEventAppearsTwiceInOneBatch_thenTheRepeatIsADuplicate() {
        StrategyRegistered registration = registered();
        IncomingEvent<StrategyEvent> once = event(registration);

        fixture.givenNoPriorActivity()
                .when(batch(null, once, once))
                .expectEvents(registration)
                .expectResultMessagePayload(new AppendOutcome(STREAM, 0L, 0L, 0, 1, List.of(1)));
    }

    @Test
    void givenNoStrategy_whenOneIdCarriesTwoContentsInOneBatch_thenRejectedOnEventId() {
        UUID id = UUID.randomUUID();

        fixture.givenNoPriorActivity()
                .when(batch(null, Envelopes.envelope(id, T0, (StrategyEvent) registered()),
                        Envelopes.envelope(id, T0, (StrategyEvent) evaluated())))
                .expectException(rejected(new Violation(1, "eventId", null)))
                .expectNoEvents();
    }

    @Test
    void givenNoStrategy_whenExpectingNoStream_thenRecorded() {
        StrategyRegistered registration = registered();

        fixture.givenNoPriorActivity()
                .when(batch(-1L, event(registration)))
                .expectEvents(registration);
    }

    @Test
    void givenNoStrategy_whenExpectingRevisionZero_thenMismatchReportsMinusOne() {
        fixture.givenNoPriorActivity()
                .when(batch(0L, event(registered())))
                .expectException(mismatch(0, -1))
                .expectNoEvents();
    }

    @Test
    void givenStrategyAtRevision1_whenExpectingRevision1_thenRecorded() {
        StrategyRetired retirement = retired();

        givenRecorded(event(registered()), event(evaluated()))
                .when(batch(1L, event(retirement)))
                .expectEvents(retirement)
                .expectResultMessagePayload(new AppendOutcome(STREAM, 2L, 2L, 2, 1, List.of()));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 0, 5})
    void givenStrategyAtRevision1_whenExpectingAnotherRevision_thenMismatch(long expected) {
        givenRecorded(event(registered()), event(evaluated()))
                .when(batch(expected, event(retired())))
                .expectException(mismatch(expected, 1))
                .expectNoEvents();
    }

    private RecordingFixture<StrategyEvent, Strategy> givenRecorded(IncomingEvent<?>... history) {
        return fixture.given(history);
    }

    private static IncomingEvent<StrategyEvent> event(StrategyEvent data) {
        return Envelopes.envelope(data);
    }

    @SafeVarargs
    private static RecordStrategyEvents batch(Long expectedRevision, IncomingEvent<StrategyEvent>... events) {
        return new RecordStrategyEvents(STRATEGY, expectedRevision(expectedRevision), List.of(events));
    }

    private static Matcher<Object> rejected(Violation... expected) {
        return thrown(RejectedEventsException.class, rejection -> assertThat(rejection.violations())
                .extracting(Violation::index, Violation::field)
                .containsExactlyElementsOf(Arrays.stream(expected)
                        .map(v -> Tuple.tuple(v.index(), v.field()))
                        .toList()));
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
