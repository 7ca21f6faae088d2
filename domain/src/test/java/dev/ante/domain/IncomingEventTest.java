package dev.ante.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IncomingEventTest {

    @Test
    void givenNanoseconds_whenEnvelopeCreated_thenOccurredAtKeepsMicroseconds() {
        IncomingEvent<String> event = new IncomingEvent<>(UUID.randomUUID(),
                Instant.parse("2026-11-23T10:15:30.123456789Z"), "data");

        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30.123456Z"));
    }

    @Test
    void givenEnvelopesDifferingBelowTheMicrosecond_whenCompared_thenTheyAreEqual() {
        // equality decides whether a retry is a duplicate, so it must use the stored precision
        UUID id = UUID.randomUUID();

        assertThat(new IncomingEvent<>(id, Instant.parse("2026-11-23T10:15:30.123456001Z"), "data"))
                .isEqualTo(new IncomingEvent<>(id, Instant.parse("2026-11-23T10:15:30.123456999Z"), "data"));
    }

    @Test
    void givenMissingParts_whenEnvelopeCreated_thenRejected() {
        Instant now = Instant.parse("2026-11-23T10:15:30Z");

        assertThatThrownBy(() -> new IncomingEvent<>(null, now, "data")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new IncomingEvent<>(UUID.randomUUID(), null, "data"))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new IncomingEvent<>(UUID.randomUUID(), now, null))
                .isInstanceOf(NullPointerException.class);
    }
}
