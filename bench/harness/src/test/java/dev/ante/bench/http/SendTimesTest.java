package dev.ante.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ante.domain.game.BlindType;
import dev.ante.domain.game.CardsDiscarded;
import dev.ante.simulator.Envelope;
import dev.ante.simulator.EnvelopeJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SendTimesTest {

    @Test
    void givenABodyOfPlaceheldEvents_whenStamped_thenTheEventsEndAtTheMomentOneMicrosecondApartInAJsonBodyOfTheSameSize()
            throws Exception {
        List<Envelope> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(Envelope.of(UUID.randomUUID(), SendTimes.PLACEHOLDER, discard()));
        }
        byte[] body = EnvelopeJson.array(events);
        int length = body.length;

        int[] offsets = SendTimes.offsets(body);
        SendTimes.stamp(body, offsets, Instant.parse("2026-12-05T06:30:00.123456789Z"));

        assertThat(offsets).hasSize(3);
        assertThat(body).hasSize(length);
        JsonNode array = EnvelopeJson.mapper().readTree(body);
        assertThat(array).hasSize(3);
        assertThat(array).extracting(e -> Instant.parse(e.get("occurredAt").asText())).containsExactly(
                Instant.parse("2026-12-05T06:30:00.123454Z"), Instant.parse("2026-12-05T06:30:00.123455Z"),
                Instant.parse("2026-12-05T06:30:00.123456Z"));
        assertThat(array).extracting(e -> e.get("eventId").asText())
                .containsExactly(events.stream().map(e -> e.eventId().toString()).toArray(String[]::new));
    }

    @Test
    void givenABodyWithoutThePlaceholder_whenSearched_thenNothingIsFound() {
        byte[] body = EnvelopeJson.array(List.of(Envelope.of(UUID.randomUUID(), Instant.parse("2026-11-23T09:00:00Z"),
                discard())));

        assertThat(SendTimes.offsets(body)).isEmpty();
    }

    private static CardsDiscarded discard() {
        return new CardsDiscarded(1, BlindType.SMALL, List.of("2C"), 2);
    }
}
