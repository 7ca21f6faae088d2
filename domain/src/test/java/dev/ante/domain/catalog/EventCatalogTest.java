package dev.ante.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.learning.LearningEvent;
import dev.ante.domain.learning.MetricRecorded;
import dev.ante.domain.strategy.StrategyEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventCatalogTest {

    @Test
    void givenGameCatalog_whenListed_thenItHoldsExactlyTheContractsTypesBySimpleName() {
        assertThat(EventCatalog.GAME.typeNames()).containsExactlyElementsOf(ContractTypeNames.GAME);
        assertThat(EventCatalog.GAME.root()).isEqualTo(GameEvent.class);
    }

    @Test
    void givenStrategyCatalog_whenListed_thenItHoldsExactlyTheContractsTypesBySimpleName() {
        assertThat(EventCatalog.STRATEGY.typeNames()).containsExactlyElementsOf(ContractTypeNames.STRATEGY);
        assertThat(EventCatalog.STRATEGY.root()).isEqualTo(StrategyEvent.class);
    }

    @Test
    void givenLearningCatalog_whenListed_thenItHoldsOnlyMetricRecorded() {
        assertThat(EventCatalog.LEARNING.typeNames()).containsExactlyElementsOf(ContractTypeNames.LEARNING);
        assertThat(EventCatalog.LEARNING.root()).isEqualTo(LearningEvent.class);
    }

    @ParameterizedTest
    @EnumSource(EventCatalog.class)
    void givenCatalog_whenEachTypeIsLookedUpByName_thenItsClassRoundTrips(EventCatalog catalog) {
        for (String name : catalog.typeNames()) {
            Class<?> type = catalog.typeNamed(name).orElseThrow();

            assertThat(type.getSimpleName()).isEqualTo(name);
            assertThat(type.isRecord()).as("%s is a record", name).isTrue();
            assertThat(catalog.root()).isAssignableFrom(type);
            assertThat(EventCatalog.classOf(name)).contains(type);
            assertThat(EventCatalog.nameOf(type)).isEqualTo(name);
        }
    }

    @ParameterizedTest
    @EnumSource(EventCatalog.class)
    void givenCatalog_whenListed_thenEveryPermittedRecordOfItsRootIsThere(EventCatalog catalog) {
        assertThat(catalog.root().isSealed()).isTrue();
        assertThat(catalog.typeNames()).hasSize(catalog.root().getPermittedSubclasses().length);
    }

    @Test
    void givenAllCatalogs_whenCompared_thenNoTypeNameBelongsToTwo() {
        // a stored type name must identify one class, or a reader could not tell which catalog it is
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (EventCatalog catalog : EventCatalog.values()) {
            total += catalog.typeNames().size();
            seen.addAll(catalog.typeNames());
        }
        assertThat(seen).hasSize(total);
    }

    @Test
    void givenTypeOfAnotherCatalog_whenLookedUpInThisOne_thenNotFound() {
        assertThat(EventCatalog.GAME.typeNamed("MetricRecorded")).isEmpty();
        assertThat(EventCatalog.LEARNING.typeNamed("HandPlayed")).isEmpty();
        assertThat(EventCatalog.STRATEGY.typeNamed("GameStarted")).isEmpty();
        assertThat(EventCatalog.classOf("HandPlayed")).contains(HandPlayed.class);
        assertThat(EventCatalog.classOf("MetricRecorded")).contains(MetricRecorded.class);
    }

    @Test
    void givenUnknownOrMiscasedOrNonEventName_whenLookedUp_thenNotFound() {
        for (String name : List.of("Unknown", "handPlayed", "HANDPLAYED", "HandPlayed ", "", "GameState",
                "ShopItem", "RecordGameEvents", "dev.ante.domain.game.HandPlayed")) {
            assertThat(EventCatalog.classOf(name)).as(name).isEmpty();
            for (EventCatalog catalog : EventCatalog.values()) {
                assertThat(catalog.typeNamed(name)).as(name).isEmpty();
            }
        }
    }

    @Test
    void givenCatalogTypeNames_whenModified_thenRefused() {
        Set<String> names = EventCatalog.GAME.typeNames();

        assertThatThrownBy(() -> names.add("Injected"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
