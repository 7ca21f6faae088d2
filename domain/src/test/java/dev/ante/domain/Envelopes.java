package dev.ante.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;

/**
 * Builds submitted envelopes, and the stored messages an aggregate fixture is given, the way the write
 * path produces them.
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
     * The stored history of a stream. The duplicate check needs the event id and occurredAt metadata
     * the aggregate writes, which plain payloads given to a fixture would lack. The fixture keeps the
     * type, payload and metadata of a given message but assigns its own aggregate id and sequence
     * numbers (from 0); ours match them anyway, so the history reads like a real stream.
     */
    @SafeVarargs
    public static List<DomainEventMessage<?>> history(String aggregateType, String stream,
                                                      IncomingEvent<?>... events) {
        return history(aggregateType, stream, Arrays.asList(events));
    }

    public static List<DomainEventMessage<?>> history(String aggregateType, String stream,
                                                      List<? extends IncomingEvent<?>> events) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        long revision = 0;
        for (IncomingEvent<?> event : events) {
            messages.add(new GenericDomainEventMessage<>(aggregateType, stream, revision++, event.data(),
                    MetaData.with(IncomingEvent.EVENT_ID, event.eventId().toString())
                            .and(IncomingEvent.OCCURRED_AT, event.occurredAt().toString())));
        }
        return messages;
    }

    /**
     * Lets a fixture check a thrown exception with AssertJ, so a mismatch names the offending
     * property instead of printing a bare "no match".
     */
    public static <X extends Throwable> Matcher<Object> thrown(Class<X> type, Consumer<X> requirements) {
        return Matchers.predicate(actual -> {
            assertThat(actual).isInstanceOf(type);
            requirements.accept(type.cast(actual));
            return true;
        });
    }
}
