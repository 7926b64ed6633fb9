package dev.baton.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.baton.buildrules.LayeringRules;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * The engine's rules as a test: its packages form no cycle, and it stays pure: no Kafka,
 * Micronaut, logging, file or network I/O, and no reading of the clock (time comes in with the
 * input).
 */
@AnalyzeClasses(
        packages = {"dev.baton.engine", "dev.baton.dsl"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule MODEL_AND_ENGINE_ARE_FREE_OF_CYCLES = LayeringRules.packagesFreeOfCycles("dev.baton");

    @ArchTest
    static final ArchRule ENGINE_PACKAGES_ARE_FREE_OF_CYCLES = LayeringRules.packagesFreeOfCycles("dev.baton.engine");

    @ArchTest
    static final ArchRule NO_INFRASTRUCTURE = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.apache.kafka..",
                    "io.micronaut..",
                    "jakarta..",
                    "org.slf4j..",
                    "ch.qos.logback..",
                    "java.util.logging..",
                    "java.nio.file..",
                    "java.net..",
                    "java.sql..",
                    "dev.baton.orchestrator..")
            .because("the engine is pure: it returns effects, the runtime performs them");

    @ArchTest
    static final ArchRule NO_FILES_OR_STREAMS = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("java.io")
            .because("the engine reads and writes nothing");

    @ArchTest
    static final ArchRule NO_CLOCK = noClasses()
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.time.Clock")
            .orShould()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(Instant.class, "now")
            .orShould()
            .callMethod(LocalDate.class, "now")
            .orShould()
            .callMethod(LocalDateTime.class, "now")
            .orShould()
            .callMethod(OffsetDateTime.class, "now")
            .orShould()
            .callMethod(ZonedDateTime.class, "now")
            .because("time comes in with the input, so a step replays to the same result");
}
