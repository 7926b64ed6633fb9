package dev.baton.orchestrator;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.baton.buildrules.LayeringRules;

/**
 * The API module's packages (api, gateway, history, registry) together with the runtime's form no
 * cycle. That the API does not use the bridge or the HTTP worker, and the runtime does not use
 * the API, is Maven's rule (docs/adr/0006-modules-by-layer.md).
 */
@AnalyzeClasses(packages = "dev.baton.orchestrator", importOptions = ImportOption.DoNotIncludeTests.class)
class ApiArchitectureTest {

    @ArchTest
    static final ArchRule PACKAGES_ARE_FREE_OF_CYCLES = LayeringRules.packagesFreeOfCycles("dev.baton.orchestrator");
}
