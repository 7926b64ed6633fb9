package dev.baton.registry;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.baton.buildrules.LayeringRules;

/** The registry's packages (client, serde, builtin) form no cycle: the client API sits below both. */
@AnalyzeClasses(packages = "dev.baton.registry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule PACKAGES_ARE_FREE_OF_CYCLES = LayeringRules.packagesFreeOfCycles("dev.baton.registry");
}
