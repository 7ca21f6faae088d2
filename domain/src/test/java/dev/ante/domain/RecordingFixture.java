package dev.ante.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hamcrest.Matcher;
import org.hamcrest.StringDescription;

/**
 * Given a stream's recorded history, when a batch is recorded, expect what the write path would append
 * and answer: the decision, then the fresh events folded in as they would be once stored.
 *
 * @param <E> the stream's event catalog
 * @param <S> the stream's decision state
 */
public final class RecordingFixture<E, S extends RecordingStream<E>> {

    private final Supplier<S> empty;
    private S stream;
    /** The stream's recorded events by revision, which decisions read back when an id comes again. */
    private final List<IncomingEvent<?>> recorded = new ArrayList<>();

    public RecordingFixture(Supplier<S> empty) {
        this.empty = empty;
    }

    public RecordingFixture<E, S> givenNoPriorActivity() {
        stream = empty.get();
        recorded.clear();
        return this;
    }

    /** The stream as recorded: each event folded in with its id and time, from revision 0. */
    public RecordingFixture<E, S> given(IncomingEvent<?>... history) {
        return given(Arrays.asList(history));
    }

    @SuppressWarnings("unchecked")
    public RecordingFixture<E, S> given(List<? extends IncomingEvent<?>> history) {
        stream = empty.get();
        recorded.clear();
        for (IncomingEvent<?> event : history) {
            stream.evolve((E) event.data(), event.eventId(), event.occurredAt());
            recorded.add(event);
        }
        return this;
    }

    /** Decides {@code command}; when it is accepted, folds its fresh events in. */
    public Result when(RecordEvents<E> command) {
        if (stream == null) {
            stream = empty.get();
        }
        try {
            RecordingBatch<E> batch = stream.decide(command, this::recordedAt);
            List<E> fresh = batch.fresh().stream().map(IncomingEvent::data).toList();
            AppendOutcome outcome = stream.recorded(command.stream(), batch);
            recorded.addAll(batch.fresh());
            return new Result(fresh, outcome, null);
        } catch (RuntimeException e) {
            return new Result(List.of(), null, e);
        }
    }

    private RecordedEvents.Recorded recordedAt(long revision) {
        IncomingEvent<?> event = recorded.get(Math.toIntExact(revision));
        return new RecordedEvents.Recorded(event.eventId(), event.occurredAt(), event.data());
    }

    /** What one decision did. */
    public final class Result {
        private final List<E> appended;
        private final AppendOutcome outcome;
        private final RuntimeException failure;

        private Result(List<E> appended, AppendOutcome outcome, RuntimeException failure) {
            this.appended = appended;
            this.outcome = outcome;
            this.failure = failure;
        }

        public Result expectSuccessfulHandlerExecution() {
            assertThat(failure).as("the batch was refused").isNull();
            return this;
        }

        public Result expectEvents(Object... expected) {
            expectSuccessfulHandlerExecution();
            assertThat(List.<Object>copyOf(appended)).containsExactly(expected);
            return this;
        }

        public Result expectNoEvents() {
            assertThat(appended).isEmpty();
            return this;
        }

        public Result expectResultMessagePayload(Object expected) {
            expectSuccessfulHandlerExecution();
            assertThat(outcome).isEqualTo(expected);
            return this;
        }

        public Result expectResult(Consumer<AppendOutcome> requirements) {
            expectSuccessfulHandlerExecution();
            requirements.accept(outcome);
            return this;
        }

        public Result expectException(Matcher<Object> matcher) {
            assertThat(failure).as("the batch was accepted").isNotNull();
            if (!matcher.matches(failure)) {
                StringDescription description = new StringDescription();
                matcher.describeMismatch(failure, description);
                throw new AssertionError("unexpected failure " + failure + ": " + description);
            }
            return this;
        }

        public Result expectState(Consumer<S> requirements) {
            requirements.accept(stream);
            return this;
        }
    }
}
