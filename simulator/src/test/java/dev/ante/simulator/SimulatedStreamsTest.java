package dev.ante.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ante.domain.AppendOutcome;
import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.GameId;
import dev.ante.domain.RecordedEvents;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.RecordEvents;
import dev.ante.domain.RecordingStream;
import dev.ante.domain.RunId;
import dev.ante.domain.StrategyId;
import dev.ante.domain.catalog.EventCatalog;
import dev.ante.domain.game.Game;
import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.RecordGameEvents;
import dev.ante.domain.learning.LearningEvent;
import dev.ante.domain.learning.LearningRun;
import dev.ante.domain.learning.RecordMetrics;
import dev.ante.domain.strategy.RecordStrategyEvents;
import dev.ante.domain.strategy.Strategy;
import dev.ante.domain.strategy.StrategyEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every stream the simulator writes, sent through the platform's own rules: each batch goes through the
 * simulator's JSON, is read back strictly into the catalog records, checked against the catalog's field
 * rules and recorded by the real aggregate, in the batches an agent would post. Not one event may be
 * refused.
 */
class SimulatedStreamsTest {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    @Test
    void givenSimulatedAgents_whenEveryBatchIsRecordedByItsAggregate_thenNoEventIsRejected() throws IOException {
        Map<StreamRef, List<StreamBatch>> byStream = new LinkedHashMap<>();
        for (StreamBatch batch : Simulation.of(SimulationConfig.of(42, 4, 120))) {
            byStream.computeIfAbsent(batch.stream(), s -> new ArrayList<>()).add(batch);
        }

        int events = 0;
        for (Map.Entry<StreamRef, List<StreamBatch>> stream : byStream.entrySet()) {
            events += record(stream.getKey(), stream.getValue());
        }

        assertThat(byStream.keySet()).extracting(StreamRef::kind)
                .contains(StreamRef.Kind.GAME, StreamRef.Kind.STRATEGY, StreamRef.Kind.LEARNING);
        assertThat(events).isGreaterThan(10_000);
    }

    @Test
    void givenAMarathon_whenRecordedByTheGameAggregate_thenItHoldsExactlyTheRequestedEvents() throws IOException {
        List<StreamBatch> marathon = Simulation.marathon(7, "marathon-1", 3_000);

        int recorded = record(marathon.get(0).stream(), marathon);

        assertThat(recorded).isEqualTo(3_000);
        assertThat(marathon.get(marathon.size() - 1).completion()).isNotNull();
    }

    /** Records a stream's batches one command each, as the write path decides them; returns how many events were appended. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int record(StreamRef stream, List<StreamBatch> batches) throws IOException {
        RecordingStream state = switch (stream.kind()) {
            case GAME -> new Game();
            case STRATEGY -> new Strategy();
            case LEARNING -> new LearningRun();
        };
        int total = 0;
        AppendOutcome outcome = null;
        for (StreamBatch batch : batches) {
            RecordEvents command = command(stream, readBack(batch));
            outcome = state.recorded(command.stream(), state.decide(command, RecordedEvents.NONE));
            total += batch.events().size();
        }
        int expectedFirst = total - batches.get(batches.size() - 1).events().size();
        assertThat(outcome.duplicates()).as(stream.streamName()).isZero();
        assertThat(outcome.firstRevision()).as(stream.streamName()).isEqualTo((long) expectedFirst);
        assertThat(state.revision()).as(stream.streamName()).isEqualTo(total - 1L);
        return total;
    }

    /** The batch as the platform receives it: its JSON, read strictly back into catalog records. */
    private static List<IncomingEvent<Object>> readBack(StreamBatch batch) throws IOException {
        JsonNode array = STRICT.readTree(EnvelopeJson.array(batch.events()));
        EventCatalog catalog = switch (batch.stream().kind()) {
            case GAME -> EventCatalog.GAME;
            case STRATEGY -> EventCatalog.STRATEGY;
            case LEARNING -> EventCatalog.LEARNING;
        };
        List<IncomingEvent<Object>> events = new ArrayList<>();
        for (JsonNode envelope : array) {
            Class<?> type = catalog.typeNamed(envelope.get("type").asText()).orElseThrow(() ->
                    new AssertionError("not in the " + catalog + " catalog: " + envelope.get("type")));
            Object data = STRICT.treeToValue(envelope.get("data"), type);
            assertThat(CatalogConstraints.violations(data)).as(envelope.toString()).isEmpty();
            assertThat(envelope.toString()).doesNotContain(":null");
            events.add(new IncomingEvent<>(UUID.fromString(envelope.get("eventId").asText()),
                    Instant.parse(envelope.get("occurredAt").asText()), data));
        }
        return events;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static RecordEvents command(StreamRef stream, List<IncomingEvent<Object>> events) {
        Function<List, RecordEvents> build = switch (stream.kind()) {
            case GAME -> list -> new RecordGameEvents(GameId.of(stream.id()), ExpectedRevision.any(),
                    (List<IncomingEvent<GameEvent>>) list);
            case STRATEGY -> list -> new RecordStrategyEvents(StrategyId.of(stream.id()), ExpectedRevision.any(),
                    (List<IncomingEvent<StrategyEvent>>) list);
            case LEARNING -> list -> new RecordMetrics(RunId.of(stream.id()), ExpectedRevision.any(),
                    (List<IncomingEvent<LearningEvent>>) list);
        };
        return build.apply(events);
    }
}
