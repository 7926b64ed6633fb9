package dev.baton.orchestrator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.baton.buildrules.LayeringRules;

/**
 * The orchestrator's layering as a test over the whole application (this module and the layer
 * modules' jars on its class path): its packages form no cycle, and the runtime (the Kafka Streams
 * processors) knows nothing of the HTTP API or the bridge that sit above it. Between modules the
 * layering is also Maven's rule (docs/adr/0006-modules-by-layer.md); each layer module has its own
 * cycle test.
 */
@AnalyzeClasses(packages = "dev.baton.orchestrator", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule PACKAGES_ARE_FREE_OF_CYCLES = LayeringRules.packagesFreeOfCycles("dev.baton.orchestrator");

    @ArchTest
    static final ArchRule RUNTIME_DOES_NOT_DEPEND_ON_API_OR_BRIDGE = noClasses()
            .that()
            .resideInAPackage("dev.baton.orchestrator.runtime..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.baton.orchestrator.api..", "dev.baton.orchestrator.bridge..");
}
