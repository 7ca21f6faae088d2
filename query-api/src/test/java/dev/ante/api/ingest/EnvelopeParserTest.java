package dev.ante.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.Violation;
import dev.ante.domain.catalog.EventCatalog;
import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.GameStarted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnvelopeParserTest {

    private static final ObjectMapper JSON = IngestJson.strict().mapper();
    private final EnvelopeParser parser = new EnvelopeParser(JSON);

    private static final String STARTED = """
            {"eventId": "%s", "type": "%s", "occurredAt": "%s",
             "data": {"agentId": "agent-1", "seed": "S", "deck": "Red Deck", "stake": "White", "startingMoney": 4}}""";

    private Optional<IncomingEvent<GameEvent>> parse(String json, List<Violation> out) throws Exception {
        return parser.parseEnvelope(JSON.readTree(json), EventCatalog.GAME, 7, out, EventTimeWindow.ANY);
    }

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final EventTimeWindow DEFAULT_WINDOW = EventTimeWindow.around(
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(24), Duration.ofMinutes(5), false);

    private List<Violation> timeViolations(String occurredAt, EventTimeWindow window) throws Exception {
        List<Violation> out = new ArrayList<>();
        parser.parseEnvelope(JSON.readTree(STARTED.formatted(UUID.randomUUID(), "GameStarted", occurredAt)),
                EventCatalog.GAME, 3, out, window);
        return out;
    }

    @Test
    void givenTimesInsideTheWindow_whenParsed_thenAccepted() throws Exception {
        assertThat(timeViolations("2026-12-01T12:00:00Z", DEFAULT_WINDOW)).as("exactly 24 h old").isEmpty();
        assertThat(timeViolations("2026-12-02T12:05:00Z", DEFAULT_WINDOW)).as("exactly 5 min ahead").isEmpty();
        assertThat(timeViolations("2026-12-02T11:59:59.999999Z", DEFAULT_WINDOW)).isEmpty();
    }

    @Test
    void givenAStaleEvent_whenParsed_thenRefusedSayingHowOldAndHowToBackfill() throws Exception {
        List<Violation> out = timeViolations("2026-11-20T08:30:00Z", DEFAULT_WINDOW);

        assertThat(out).containsExactly(new Violation(3, "occurredAt", "is 12d 3h in the past, more than the 24h 0m "
                + "allowed (ante.ingest.max-event-age); post older events with ?backfill=true"));
        assertThat(timeViolations("2026-12-01T11:59:59.999999Z", DEFAULT_WINDOW)).extracting(Violation::message)
                .singleElement().asString().startsWith("is 24h 0m in the past");
    }

    @Test
    void givenAnEventFromTheFuture_whenParsed_thenRefusedSayingHowFar() throws Exception {
        assertThat(timeViolations("2026-12-02T12:07:30Z", DEFAULT_WINDOW)).containsExactly(new Violation(3,
                "occurredAt", "is 7m 30s in the future, more than the 5m 0s allowed (ante.ingest.max-event-lead); "
                        + "check the agent's clock"));
        assertThat(timeViolations("2026-12-02T12:05:00.000001Z", DEFAULT_WINDOW)).hasSize(1);
    }

    @Test
    void givenABackfill_whenParsed_thenAnyTimeIsAccepted() throws Exception {
        EventTimeWindow backfill = EventTimeWindow.around(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(24),
                Duration.ofMinutes(5), true);

        assertThat(timeViolations("2019-01-01T00:00:00Z", backfill)).isEmpty();
        assertThat(timeViolations("2030-01-01T00:00:00Z", backfill)).isEmpty();
    }

    @Test
    void givenAValidEnvelope_whenParsed_thenTheTypedEventKeepsIdTimeAndData() throws Exception {
        UUID id = UUID.randomUUID();
        List<Violation> out = new ArrayList<>();

        var event = parse(STARTED.formatted(id, "GameStarted", "2026-11-23T10:15:30.123456Z"), out);

        assertThat(out).isEmpty();
        assertThat(event).isPresent();
        assertThat(event.get().eventId()).isEqualTo(id);
        assertThat(event.get().occurredAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30.123456Z"));
        assertThat(event.get().data()).isInstanceOfSatisfying(GameStarted.class, started -> {
            assertThat(started.agentId()).isEqualTo("agent-1");
            assertThat(started.startingMoney()).isEqualTo(4);
        });
    }

    @Test
    void givenABadIdTimeAndType_whenParsed_thenEachIsReportedAtItsIndexAndNothingIsReturned() throws Exception {
        List<Violation> out = new ArrayList<>();

        var event = parse(STARTED.formatted("not-a-uuid", "GameStarting", "yesterday"), out);

        assertThat(event).isEmpty();
        assertThat(out).allMatch(v -> v.index() == 7);
        assertThat(out).extracting(Violation::field).containsExactlyInAnyOrder("eventId", "occurredAt", "type");
        assertThat(out).filteredOn(v -> "type".equals(v.field())).first()
                .satisfies(v -> assertThat(v.message()).contains("unknown event type 'GameStarting'")
                        .contains("GameStarted").contains("HandPlayed"));
    }

    @Test
    void givenATypeOfAnotherCatalog_whenParsedAsAGameEvent_thenRefused() throws Exception {
        List<Violation> out = new ArrayList<>();

        var event = parse("""
                {"eventId": "%s", "type": "MetricRecorded", "occurredAt": "2026-11-23T10:15:30Z",
                 "data": {"step": 1, "name": "loss", "value": 0.5}}""".formatted(UUID.randomUUID()), out);

        assertThat(event).isEmpty();
        assertThat(out).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("type");
            assertThat(v.message()).contains("for a game stream");
        });
    }

    @Test
    void givenNoData_whenParsed_thenDataIsRequired() throws Exception {
        List<Violation> out = new ArrayList<>();

        parse("{\"eventId\": \"%s\", \"type\": \"GameStarted\", \"occurredAt\": \"2026-11-23T10:15:30Z\"}"
                .formatted(UUID.randomUUID()), out);

        assertThat(out).extracting(Violation::render).containsExactly("[7].data: is required");
    }

    @Test
    void givenUuidTextsAndNearMisses_whenChecked_thenTheAnswerIsThatOfTheCanonicalPattern() {
        java.util.regex.Pattern canonical = java.util.regex.Pattern.compile(
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
        java.util.Random random = new java.util.Random(7);
        String alphabet = "0123456789abcdefABCDEFgGzZ-_ {}\u00e9\u0000";
        int accepted = 0;
        for (int n = 0; n < 20_000; n++) {
            String uuid = UUID.randomUUID().toString();
            String text = switch (n % 5) {
                case 0 -> uuid;
                case 1 -> uuid.toUpperCase();
                case 2 -> uuid.substring(0, random.nextInt(36)) + alphabet.charAt(random.nextInt(alphabet.length()))
                        + uuid.substring(random.nextInt(36) + 1 > 36 ? 36 : 0);
                case 3 -> {
                    char[] chars = uuid.toCharArray();
                    chars[random.nextInt(36)] = alphabet.charAt(random.nextInt(alphabet.length()));
                    yield new String(chars);
                }
                default -> uuid.substring(0, random.nextInt(37)) + uuid.substring(random.nextInt(37));
            };
            boolean expected = canonical.matcher(text).matches();
            assertThat(EnvelopeParser.isUuidText(text)).as(text).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).isBetween(8_000, 19_000);
    }
}
