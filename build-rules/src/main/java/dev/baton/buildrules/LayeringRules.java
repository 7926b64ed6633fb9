package dev.baton.buildrules;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The ArchUnit rules the modules' {@code ArchitectureTest}s apply, defined once so that {@code BuildRulesTest} shows on
 * fixtures that the very rule the build runs fails on a violation.
 */
public final class LayeringRules {
    private LayeringRules() {}

    /** The packages right under {@code root} (each with its subpackages) form no dependency cycle. */
    public static ArchRule packagesFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }
}
