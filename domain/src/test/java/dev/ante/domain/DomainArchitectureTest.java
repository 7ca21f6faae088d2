package dev.ante.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.ante.domain.catalog.ContractTypeNames;
import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.GameState;
import dev.ante.domain.learning.LearningEvent;
import dev.ante.domain.strategy.StrategyEvent;
import java.util.List;

@AnalyzeClasses(packages = "dev.ante.domain", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainArchitectureTest {

    @ArchTest
    static final ArchRule domainDependsOnNoSpring = noClasses()
            .that().resideInAPackage("dev.ante.domain..")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..")
            .because("the domain is plain Axon modelling; Spring belongs to the modules that run it");

    @ArchTest
    static final ArchRule domainDependsOnNoOuterModule = noClasses()
            .that().resideInAPackage("dev.ante.domain..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.ante.infra..", "dev.ante.api..", "dev.ante.projections..")
            .because("every other module depends on the domain, never the other way round");

    @ArchTest
    static final ArchRule domainDependsOnNoOtherAnteCode = noClasses()
            .that().resideInAPackage("dev.ante.domain..")
            .should().dependOnClassesThat(DescribedPredicate.describe("are Ante code outside the domain",
                    (JavaClass c) -> c.getPackageName().startsWith("dev.ante.")
                            && !c.getPackageName().startsWith("dev.ante.domain")));

    @ArchTest
    static final ArchRule domainDependsOnNoJacksonDatabind = noClasses()
            .that().resideInAPackage("dev.ante.domain..")
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.databind..")
            .because("events are plain records; how they become JSON is the codec's business");

    @ArchTest
    static final ArchRule gameEventsAreRecordsOfTheirCatalog = classes()
            .that(areContractEvents("dev.ante.domain.game", ContractTypeNames.GAME))
            .should().beRecords().andShould().implement(GameEvent.class);

    @ArchTest
    static final ArchRule strategyEventsAreRecordsOfTheirCatalog = classes()
            .that(areContractEvents("dev.ante.domain.strategy", ContractTypeNames.STRATEGY))
            .should().beRecords().andShould().implement(StrategyEvent.class);

    @ArchTest
    static final ArchRule learningEventsAreRecordsOfTheirCatalog = classes()
            .that(areContractEvents("dev.ante.domain.learning", ContractTypeNames.LEARNING))
            .should().beRecords().andShould().implement(LearningEvent.class);

    @ArchTest
    static final ArchRule gameCatalogHoldsOnlyRecordsOfItsPackage = classes()
            .that().implement(GameEvent.class)
            .should().beRecords().andShould().resideInAPackage("dev.ante.domain.game");

    @ArchTest
    static final ArchRule strategyCatalogHoldsOnlyRecordsOfItsPackage = classes()
            .that().implement(StrategyEvent.class)
            .should().beRecords().andShould().resideInAPackage("dev.ante.domain.strategy");

    @ArchTest
    static final ArchRule learningCatalogHoldsOnlyRecordsOfItsPackage = classes()
            .that().implement(LearningEvent.class)
            .should().beRecords().andShould().resideInAPackage("dev.ante.domain.learning");

    @ArchTest
    static final ArchRule eventsAndTheFoldDependOnNoAxon = noClasses()
            .that().implement(GameEvent.class).or().implement(StrategyEvent.class)
            .or().implement(LearningEvent.class).or().belongToAnyOf(GameState.class)
            .should().dependOnClassesThat().resideInAPackage("org.axonframework..")
            .because("the fold is shared with the replay tool and the API, which run without aggregates");

    @ArchTest
    static final ArchRule recordingStreamsDependOnNoAxon = noClasses()
            .that().implement(RecordingStream.class)
            .should().dependOnClassesThat().resideInAPackage("org.axonframework..")
            .because("the write path decides and folds a stream's events without Axon's aggregate machinery");

    /**
     * The contract's event types, found by name: the catalog packages also hold commands, the fold's
     * state, views and parts nested in events, so "every record" would be the wrong selection.
     */
    private static DescribedPredicate<JavaClass> areContractEvents(String packageName, List<String> names) {
        return DescribedPredicate.describe("are the contract's events in " + packageName,
                c -> c.getPackageName().equals(packageName) && names.contains(c.getSimpleName()));
    }
}
