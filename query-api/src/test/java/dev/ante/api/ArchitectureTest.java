package dev.ante.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules across the whole platform, checked on the compiled classes. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ante");
    }

    @Test
    void givenThePlatform_whenChecked_thenNothingOutsideTheApiImportsTheApi() {
        noClasses().that().resideOutsideOfPackage("dev.ante.api..")
                .should().dependOnClassesThat().resideInAPackage("dev.ante.api..")
                .check(classes);
    }

    @Test
    void givenThePlatform_whenChecked_thenOnlyTheDemoModeUsesTheSimulator() {
        noClasses().that().resideOutsideOfPackages("dev.ante.api.demo..", "dev.ante.simulator..")
                .should().dependOnClassesThat().resideInAPackage("dev.ante.simulator..")
                .because("the simulator ships in the platform's jar for --demo only")
                .check(classes);
    }

    @Test
    void givenTheDomain_whenChecked_thenItImportsNoSpringNoInfraAndNoProjections() {
        noClasses().that().resideInAPackage("dev.ante.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "dev.ante.infra..",
                        "dev.ante.projections..", "com.fasterxml.jackson.databind..")
                .check(classes);
    }

    @Test
    void givenTheInfrastructure_whenChecked_thenItKnowsNothingOfReadModelsOrSpring() {
        noClasses().that().resideInAPackage("dev.ante.infra..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ante.projections..", "org.springframework..")
                .check(classes);
    }

    @Test
    void givenTheProjections_whenChecked_thenTheyDoNotReachIntoTheEventStore() {
        noClasses().that().resideInAPackage("dev.ante.projections..")
                .should().dependOnClassesThat().resideInAPackage("dev.ante.infra..")
                .check(classes);
    }
}
