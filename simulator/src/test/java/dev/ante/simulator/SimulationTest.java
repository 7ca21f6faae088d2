package dev.ante.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.domain.catalog.EventCatalog;
import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.Outcome;
import dev.ante.domain.strategy.StrategyRegistered;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulationTest {

    private static final SimulationConfig CONFIG = SimulationConfig.of(42, 6, 300);
    private static List<StreamBatch> batches;

    @BeforeAll
    static void simulate() {
        batches = Simulation.of(CONFIG).stream().toList();
    }

    @Test
    void givenTheSameConfig_whenSimulatedTwice_thenTheBytesAreTheSame() {
        SimulationConfig small = SimulationConfig.of(5, 3, 30);

        assertThat(ndjson(Simulation.of(small))).isEqualTo(ndjson(Simulation.of(small)));
        assertThat(ndjson(Simulation.of(small))).isNotEqualTo(ndjson(Simulation.of(SimulationConfig.of(6, 3, 30))));
    }

    @Test
    void givenAgentTimelines_whenMerged_thenTheyHoldExactlyTheSimulationsBatchesInTimeOrder() {
        SimulationConfig small = SimulationConfig.of(5, 3, 30);
        Set<StreamBatch> fromTimelines = new HashSet<>();
        Simulation.of(small).agentTimelines().forEach(timeline -> timeline.forEach(fromTimelines::add));
        List<StreamBatch> merged = Simulation.of(small).stream().toList();

        assertThat(new HashSet<>(merged)).isEqualTo(fromTimelines);
        for (int i = 1; i < merged.size(); i++) {
            assertThat(merged.get(i).at()).isAfterOrEqualTo(merged.get(i - 1).at());
        }
    }

    @Test
    void givenManyGames_whenTallied_thenWinsLossesAbandonedAndUnfinishedGamesAllOccurLossesMostOften() {
        Tally tally = new Tally();
        batches.forEach(tally::add);

        assertThat(tally.gamesStarted()).isEqualTo(300);
        assertThat(tally.completed(Outcome.WIN)).isPositive();
        assertThat(tally.completed(Outcome.ABANDONED)).isPositive();
        assertThat(tally.unfinished()).isPositive();
        assertThat(tally.completed(Outcome.LOSS)).isGreaterThan(tally.gamesStarted() / 2);
    }

    @Test
    void givenManyGames_whenTheirTypesAreCollected_thenEveryCatalogTypeOccurs() {
        Set<String> types = new TreeSet<>();
        batches.forEach(b -> b.events().forEach(e -> types.add(e.type())));

        Set<String> catalog = new TreeSet<>();
        for (EventCatalog c : EventCatalog.values()) {
            catalog.addAll(c.typeNames());
        }
        assertThat(types).isEqualTo(catalog);
    }

    @Test
    void givenManyGames_whenFinalAntesAreCounted_thenRunsEndAcrossTheWholeRange() {
        Map<Integer, Integer> byAnte = new HashMap<>();
        batches.stream().map(StreamBatch::completion).filter(c -> c != null)
                .forEach(c -> byAnte.merge(c.finalAnte(), 1, Integer::sum));

        assertThat(byAnte.keySet()).contains(2, 3, 4, 5, 6, 7, 8);
        assertThat(batches.stream().map(StreamBatch::completion).filter(c -> c != null)
                .filter(c -> c.outcome() == Outcome.WIN).map(GameCompleted::finalAnte)).containsOnly(8);
    }

    @Test
    void givenStrategies_whenRegistered_thenTheirParametersAreThoseThatSteerPlay() {
        List<StrategyRegistered> registered = batches.stream()
                .flatMap(b -> b.events().stream()).map(Envelope::data)
                .filter(StrategyRegistered.class::isInstance).map(StrategyRegistered.class::cast).toList();

        assertThat(registered).hasSizeGreaterThanOrEqualTo(6);
        assertThat(registered).allSatisfy(r -> assertThat(r.parameters()).containsKeys("handFocus", "temperature",
                "interestTarget", "rerollBudget", "skipAggression", "preferredJokerKind", "discardEagerness"));
    }

    @Test
    void givenEventIds_whenCollected_thenEachIsUnique() {
        Set<Object> ids = new HashSet<>();
        long events = batches.stream().flatMap(b -> b.events().stream()).peek(e -> ids.add(e.eventId())).count();

        assertThat(ids).hasSize((int) events);
    }

    private static byte[] ndjson(Simulation simulation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (StreamBatch batch : simulation) {
            out.writeBytes(EnvelopeJson.ndjson(List.of(batch)));
        }
        return out.toByteArray();
    }
}
