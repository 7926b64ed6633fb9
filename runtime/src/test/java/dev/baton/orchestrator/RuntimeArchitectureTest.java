package dev.baton.orchestrator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.baton.buildrules.LayeringRules;

/**
 * The runtime module's packages form no cycle, and its plumbing (settings, Kafka, stored state)
 * sits below the Streams runtime. That nothing here uses the API, the bridge or the HTTP worker is
 * Maven's rule: those modules are not on this one's class path (docs/adr/0006-modules-by-layer.md).
 */
@AnalyzeClasses(packages = "dev.baton.orchestrator", importOptions = ImportOption.DoNotIncludeTests.class)
class RuntimeArchitectureTest {

    @ArchTest
    static final ArchRule PACKAGES_ARE_FREE_OF_CYCLES = LayeringRules.packagesFreeOfCycles("dev.baton.orchestrator");

    @ArchTest
    static final ArchRule PLUMBING_DOES_NOT_DEPEND_ON_THE_RUNTIME = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.baton.orchestrator.config..",
                    "dev.baton.orchestrator.kafka..",
                    "dev.baton.orchestrator.state..",
                    "dev.baton.orchestrator.error..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.baton.orchestrator.runtime..",
                    "dev.baton.orchestrator.client..",
                    "dev.baton.orchestrator.query..");
}
