package dev.ante.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;

/**
 * Builds submitted envelopes the way agents send them, and matchers for what a refused batch throws.
 */
public final class Envelopes {

    /** A fixed instant with microseconds, the precision the contract keeps. */
    public static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123456Z");

    private Envelopes() {
    }

    public static <E> IncomingEvent<E> envelope(E data) {
        return new IncomingEvent<>(UUID.randomUUID(), T0, data);
    }

    public static <E> IncomingEvent<E> envelope(UUID eventId, Instant occurredAt, E data) {
        return new IncomingEvent<>(eventId, occurredAt, data);
    }

    /**
     * Lets a fixture check a thrown exception with AssertJ, so a mismatch names the offending
     * property instead of printing a bare "no match".
     */
    public static <X extends Throwable> Matcher<Object> thrown(Class<X> type, Consumer<X> requirements) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                assertThat(actual).isInstanceOf(type);
                requirements.accept(type.cast(actual));
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a " + type.getSimpleName() + " meeting the requirements");
            }
        };
    }
}
