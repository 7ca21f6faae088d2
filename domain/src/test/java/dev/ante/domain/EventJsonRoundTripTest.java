package dev.ante.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ante.domain.catalog.EventCatalog;
import dev.ante.domain.game.BlindSkipped;
import dev.ante.domain.game.BlindType;
import dev.ante.domain.game.ConsumableType;
import dev.ante.domain.game.ConsumableUsed;
import dev.ante.domain.game.DecisionMade;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.game.GameState;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.game.Phase;
import dev.ante.domain.game.SampleGameEvents;
import dev.ante.domain.learning.MetricRecorded;
import dev.ante.domain.strategy.StrategyEvaluated;
import dev.ante.domain.strategy.StrategyRegistered;
import dev.ante.domain.strategy.StrategyRetired;
import dev.ante.domain.strategy.StrategyRevised;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The events must travel as JSON with a plain mapper, so no codec needs per-class knowledge. */
class EventJsonRoundTripTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

    static List<Object> everyEvent() {
        List<Object> events = new ArrayList<>(SampleGameEvents.oneOfEach());
        events.addAll(List.of(
                new StrategyRegistered("Greedy", "agent-7", "model-3", Map.of(
                        "temperature", 0.7,
                        "maxRerolls", 2,
                        "budget", 10_000_000_000L,
                        "tags", List.of("aggressive", "econ"),
                        "weights", Map.of("flush", 1.5, "pair", 0.25),
                        "useLlm", true)),
                new StrategyRevised("model-4", Map.of("temperature", 0.5), "lower variance"),
                new StrategyEvaluated(100, 31, 5.4),
                new StrategyRetired("superseded"),
                new MetricRecorded(1_000_000L, "loss", 0.0123, "greedy-v2")));
        return events;
    }

    /** Optional fields left out, as agents may send them. */
    static List<Object> eventsWithoutOptionalFields() {
        return List.of(
                new GameStarted("agent-7", null, null, "SEED", "Red Deck", "White Stake", 4),
                new BlindSkipped(1, BlindType.SMALL, null),
                new HandPlayed(1, BlindType.SMALL, 1, List.of("AH"), "High Card", List.of(), 5, 1.0, null, 5, 1.0,
                        5, null, null, null),
                new ConsumableUsed(1, "Pluto", ConsumableType.PLANET, null),
                new DecisionMade(1, Phase.PACK, "pick_card", List.of("a", "b"), "a", null, false, null, 0),
                new StrategyRegistered("Greedy", "agent-7", null, Map.of()),
                new StrategyRevised(null, Map.of("k", "v"), null),
                new StrategyRetired(null),
                new MetricRecorded(0, "loss", 1.0, null));
    }

    static Stream<Object> allSamples() {
        return Stream.concat(everyEvent().stream(), eventsWithoutOptionalFields().stream());
    }

    @Test
    void givenSamples_whenListed_thenEveryCatalogTypeIsCovered() {
        Set<Class<?>> sampled = new HashSet<>();
        everyEvent().forEach(event -> sampled.add(event.getClass()));
        Set<Class<?>> catalogued = new HashSet<>();
        for (EventCatalog catalog : EventCatalog.values()) {
            catalogued.addAll(Arrays.asList(catalog.root().getPermittedSubclasses()));
        }

        assertThat(sampled).isEqualTo(catalogued);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allSamples")
    void givenEvent_whenWrittenAndReadBack_thenItIsEqual(Object event) throws Exception {
        String json = mapper.writeValueAsString(event);

        assertThat(mapper.readValue(json, event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEvent")
    void givenEvent_whenWritten_thenItsJsonFieldsAreExactlyItsRecordComponents(Object event) throws Exception {
        JsonNode json = mapper.valueToTree(event);
        Set<String> fields = new HashSet<>();
        json.fieldNames().forEachRemaining(fields::add);

        assertThat(fields).containsExactlyInAnyOrderElementsOf(
                Stream.of(event.getClass().getRecordComponents()).map(RecordComponent::getName).toList());
    }

    @Test
    void givenEventRecords_whenInspected_thenNoneCarriesAJacksonAnnotation() {
        for (Object event : everyEvent()) {
            Class<?> type = event.getClass();
            assertThat(jacksonAnnotations(type.getAnnotations())).as(type.getSimpleName()).isEmpty();
            for (RecordComponent component : type.getRecordComponents()) {
                assertThat(jacksonAnnotations(component.getAnnotations()))
                        .as(type.getSimpleName() + "." + component.getName()).isEmpty();
            }
        }
    }

    @Test
    void givenHandPlayedAsAnAgentSendsIt_whenRead_thenEveryFieldIsMapped() throws Exception {
        String json = """
                {"ante": 2, "blindType": "BIG", "handNumber": 3, "cards": ["AH", "AS", "AD", "KC", "KS"],
                 "handType": "Full House", "jokers": ["Joker", "Blueprint"], "baseChips": 40, "baseMult": 4.0,
                 "jokerEffects": [{"joker": "Joker", "effect": "+mult", "value": 4}],
                 "finalChips": 95, "finalMult": 8.5, "finalScore": 807, "moneyBefore": 7, "moneyAfter": 9,
                 "timeToDecisionMs": 1250}
                """;

        HandPlayed hand = mapper.readValue(json, HandPlayed.class);

        assertThat(hand.ante()).isEqualTo(2);
        assertThat(hand.blindType()).isEqualTo(BlindType.BIG);
        assertThat(hand.cards()).containsExactly("AH", "AS", "AD", "KC", "KS");
        assertThat(hand.jokers()).containsExactly("Joker", "Blueprint");
        assertThat(hand.jokerEffects()).singleElement()
                .satisfies(effect -> assertThat(effect.value()).isEqualTo(4.0));
        assertThat(hand.finalScore()).isEqualTo(807L);
        assertThat(hand.moneyAfter()).isEqualTo(9);
        assertThat(hand.timeToDecisionMs()).isEqualTo(1250);
    }

    @Test
    void givenEnvelope_whenWrittenAndReadBack_thenIdInstantAndDataSurvive() throws Exception {
        IncomingEvent<HandPlayed> envelope = new IncomingEvent<>(UUID.randomUUID(),
                Instant.parse("2026-11-23T10:15:30.123456Z"), SampleGameEvents.hand(1, "Pair", 10));

        String json = mapper.writeValueAsString(envelope);

        assertThat(mapper.readValue(json, new TypeReference<IncomingEvent<HandPlayed>>() { }))
                .isEqualTo(envelope);
    }

    @Test
    void givenFoldedState_whenWrittenAndReadBack_thenItIsEqual() throws Exception {
        GameState state = GameState.fold(SampleGameEvents.oneOfEach());

        String json = mapper.writeValueAsString(state);

        assertThat(mapper.readValue(json, GameState.class)).isEqualTo(state);
        assertThat(mapper.readTree(json).has("started")).as("derived flags are not data").isFalse();
    }

    private static List<Annotation> jacksonAnnotations(Annotation[] annotations) {
        return Stream.of(annotations)
                .filter(a -> a.annotationType().getPackageName().startsWith("com.fasterxml.jackson"))
                .toList();
    }
}
