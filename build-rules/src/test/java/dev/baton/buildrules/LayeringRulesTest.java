package dev.baton.buildrules;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The package-cycle rule the modules' ArchitectureTests apply ({@link LayeringRules#packagesFreeOfCycles}) fails on
 * a deliberate cycle between fixture packages (dev.baton.fixtures, which no ArchitectureTest imports) and passes
 * without one.
 */
class LayeringRulesTest {

    @Test
    void aCycleBetweenPackagesFailsTheRule() {
        JavaClasses classes = new ClassFileImporter().importPackages("dev.baton.fixtures.cycle");
        assertThat(classes).hasSize(2);

        EvaluationResult result =
                LayeringRules.packagesFreeOfCycles("dev.baton.fixtures.cycle").evaluate(classes);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("Cycle detected", "a", "b");
    }

    @Test
    void packagesWithoutACyclePassTheRule() {
        JavaClasses classes = new ClassFileImporter().importPackages("dev.baton.fixtures.acyclic");
        assertThat(classes).hasSize(2);

        EvaluationResult result =
                LayeringRules.packagesFreeOfCycles("dev.baton.fixtures.acyclic").evaluate(classes);

        assertThat(result.hasViolation()).isFalse();
    }
}
