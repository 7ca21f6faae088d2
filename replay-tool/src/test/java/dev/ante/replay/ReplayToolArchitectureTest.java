package dev.ante.replay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The tool must start fast and run from a jar without Axon: no Spring, no Axon, and none of the domain's
 * aggregates or commands, which need Axon on the classpath.
 */
@AnalyzeClasses(packages = "dev.ante.replay", importOptions = ImportOption.DoNotIncludeTests.class)
class ReplayToolArchitectureTest {

    @ArchTest
    static final ArchRule noSpringNorAxon = noClasses().that().resideInAPackage("dev.ante.replay..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..");

    @ArchTest
    static final ArchRule noAggregatesNorCommands = noClasses().that().resideInAPackage("dev.ante.replay..")
            .should().dependOnClassesThat().haveNameMatching("dev\\.ante\\.domain\\.(game\\.Game|game\\.RecordGameEvents"
                    + "|strategy\\.Strategy|strategy\\.RecordStrategyEvents|learning\\.LearningRun|learning\\.RecordMetrics)")
            .orShould().dependOnClassesThat().resideInAPackage("dev.ante.infra.axon..");
}
