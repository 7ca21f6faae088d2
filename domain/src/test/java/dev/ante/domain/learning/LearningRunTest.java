package dev.ante.domain.learning;

import static dev.ante.domain.Envelopes.T0;
import static dev.ante.domain.Envelopes.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.domain.AppendOutcome;
import dev.ante.domain.Envelopes;
import dev.ante.domain.EventIdConflictException;
import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.RejectedEventsException;
import dev.ante.domain.RunId;
import dev.ante.domain.Violation;
import dev.ante.domain.WrongExpectedRevisionException;
import java.util.List;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import dev.ante.domain.RecordingFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LearningRunTest {

    private static final RunId RUN = RunId.of("run-2026-11-23");
    private static final String STREAM = RUN.streamName();

    private RecordingFixture<LearningEvent, LearningRun> fixture;

    @BeforeEach
    void setUp() {
        fixture = new RecordingFixture<>(LearningRun::new);
    }

    private static MetricRecorded metric(long step, double value) {
        return new MetricRecorded(step, "loss", value, "greedy-v2");
    }

    @Test
    void givenNoRun_whenMetricsArrive_thenRecordedFromRevisionZero() {
        MetricRecorded first = metric(1, 0.9);
        MetricRecorded second = new MetricRecorded(1, "win_rate", 0.12, null);

        fixture.givenNoPriorActivity()
                .when(batch(null, event(first), event(second)))
                .expectEvents(first, second)
                .expectResultMessagePayload(new AppendOutcome(STREAM, 0L, 1L, 1, 2, List.of()))
                .expectState(run -> assertThat(run.revision()).isEqualTo(1));
    }

    @Test
    void givenRecordedMetrics_whenAnEarlierStepArrives_thenItIsRecorded() {
        // steps may arrive out of order from parallel workers; the run imposes no order
        MetricRecorded late = metric(3, 0.7);

        givenRecorded(event(metric(10, 0.5)), event(metric(20, 0.4)))
                .when(batch(null, event(late)))
                .expectEvents(late)
                .expectResultMessagePayload(new AppendOutcome(STREAM, 2L, 2L, 2, 1, List.of()));
    }

    @Test
    void givenRecordedMetric_whenRetried_thenSkippedAndReportedAsDuplicate() {
        IncomingEvent<LearningEvent> metric = event(metric(1, 0.9));

        givenRecorded(metric)
                .when(batch(null, metric))
                .expectNoEvents()
                .expectResultMessagePayload(new AppendOutcome(STREAM, null, null, 0, 0, List.of(0)));
    }

    @Test
    void givenRecordedMetric_whenBatchMixesARetryWithNewMetrics_thenOnlyTheNewOnesAreAppended() {
        IncomingEvent<LearningEvent> old = event(metric(1, 0.9));
        MetricRecorded fresh = metric(2, 0.8);

        givenRecorded(old)
                .when(batch(null, event(fresh), old))
                .expectEvents(fresh)
                .expectResultMessagePayload(new AppendOutcome(STREAM, 1L, 1L, 1, 1, List.of(1)));
    }

    @Test
    void givenRecordedMetric_whenItsIdArrivesWithAnotherValue_thenConflictAndNothingIsRecorded() {
        UUID id = UUID.randomUUID();

        givenRecorded(event(metric(1, 0.9)), Envelopes.envelope(id, T0, metric(2, 0.8)))
                .when(batch(null, event(metric(3, 0.7)), Envelopes.envelope(id, T0, (LearningEvent) metric(2, 0.81))))
                .expectException(thrown(EventIdConflictException.class, conflict -> {
                    assertThat(conflict.index()).isEqualTo(1);
                    assertThat(conflict.eventId()).isEqualTo(id);
                    assertThat(conflict.recordedRevision()).isEqualTo(1);
                }))
                .expectNoEvents();
    }

    @Test
    void givenNoRun_whenTheSameMetricAppearsTwiceInOneBatch_thenTheRepeatIsADuplicate() {
        MetricRecorded metric = metric(1, 0.9);
        IncomingEvent<LearningEvent> once = event(metric);

        fixture.givenNoPriorActivity()
                .when(batch(null, once, once))
                .expectEvents(metric)
                .expectResultMessagePayload(new AppendOutcome(STREAM, 0L, 0L, 0, 1, List.of(1)));
    }

    @Test
    void givenNoRun_whenOneIdCarriesTwoValuesInOneBatch_thenRejectedOnEventIdAndNothingIsRecorded() {
        UUID id = UUID.randomUUID();

        fixture.givenNoPriorActivity()
                .when(batch(null, Envelopes.envelope(id, T0, (LearningEvent) metric(1, 0.9)),
                        Envelopes.envelope(id, T0, (LearningEvent) metric(1, 0.8))))
                .expectException(thrown(RejectedEventsException.class, rejection ->
                        assertThat(rejection.violations()).extracting(Violation::index, Violation::field)
                                .containsExactly(Tuple.tuple(1, "eventId"))))
                .expectNoEvents();
    }

    @Test
    void givenNoRun_whenExpectingNoStream_thenRecorded() {
        MetricRecorded metric = metric(1, 0.9);

        fixture.givenNoPriorActivity()
                .when(batch(-1L, event(metric)))
                .expectEvents(metric);
    }

    @Test
    void givenNoRun_whenExpectingRevisionZero_thenMismatchReportsMinusOne() {
        fixture.givenNoPriorActivity()
                .when(batch(0L, event(metric(1, 0.9))))
                .expectException(mismatch(0, -1))
                .expectNoEvents();
    }

    @Test
    void givenRunAtRevision1_whenExpectingRevision1_thenRecorded() {
        MetricRecorded metric = metric(3, 0.7);

        givenRecorded(event(metric(1, 0.9)), event(metric(2, 0.8)))
                .when(batch(1L, event(metric)))
                .expectEvents(metric);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 0, 2})
    void givenRunAtRevision1_whenExpectingAnotherRevision_thenMismatch(long expected) {
        givenRecorded(event(metric(1, 0.9)), event(metric(2, 0.8)))
                .when(batch(expected, event(metric(3, 0.7))))
                .expectException(mismatch(expected, 1))
                .expectNoEvents();
    }

    private RecordingFixture<LearningEvent, LearningRun> givenRecorded(IncomingEvent<?>... history) {
        return fixture.given(history);
    }

    private static IncomingEvent<LearningEvent> event(LearningEvent data) {
        return Envelopes.envelope(data);
    }

    @SafeVarargs
    private static RecordMetrics batch(Long expectedRevision, IncomingEvent<LearningEvent>... events) {
        return new RecordMetrics(RUN, expectedRevision(expectedRevision), List.of(events));
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
