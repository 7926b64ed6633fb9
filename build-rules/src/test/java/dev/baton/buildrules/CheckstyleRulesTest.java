package dev.baton.buildrules;

import static org.assertj.core.api.Assertions.assertThat;

import com.puppycrawl.tools.checkstyle.Checker;
import com.puppycrawl.tools.checkstyle.ConfigurationLoader;
import com.puppycrawl.tools.checkstyle.ConfigurationLoader.IgnoredModulesOptions;
import com.puppycrawl.tools.checkstyle.PropertiesExpander;
import com.puppycrawl.tools.checkstyle.api.AuditEvent;
import com.puppycrawl.tools.checkstyle.api.AuditListener;
import com.puppycrawl.tools.checkstyle.api.CheckstyleException;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's Checkstyle configuration (config/checkstyle/checkstyle.xml, with config_loc as the pom sets it) fires:
 * on a forbidden import in the engine and on unsorted imports, and not on clean code.
 */
class CheckstyleRulesTest {

    @TempDir
    Path sources;

    @Test
    void engineCodeImportingKafkaBreaksTheLayering() throws Exception {
        List<AuditEvent> violations = check("checkstyle/EngineImportsKafka");

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.getSourceName()).endsWith("ImportControlCheck");
            assertThat(v.getMessage()).contains("org.apache.kafka.common.header.Headers");
        });
    }

    @Test
    void unsortedImportsAreAViolation() throws Exception {
        List<AuditEvent> violations = check("checkstyle/UnsortedImports");

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.getSourceName()).endsWith("CustomImportOrderCheck");
            assertThat(v.getMessage()).contains("java.util.ArrayList");
        });
    }

    @Test
    void cleanCodePasses() throws Exception {
        assertThat(check("checkstyle/Clean")).isEmpty();
    }

    /** Runs the build's configuration over a fixture placed as production code (src/main/java), as Maven would. */
    private List<AuditEvent> check(String fixture) throws CheckstyleException {
        File file = Fixtures.writeAsSource(fixture, sources.resolve("src/main/java"))
                .toFile();
        Path config = Fixtures.root().resolve("config/checkstyle");
        Properties properties = new Properties();
        properties.setProperty("config_loc", config.toAbsolutePath().toString());
        Checker checker = new Checker();
        List<AuditEvent> violations = new ArrayList<>();
        try {
            checker.setModuleClassLoader(Checker.class.getClassLoader());
            checker.configure(ConfigurationLoader.loadConfiguration(
                    config.resolve("checkstyle.xml").toString(),
                    new PropertiesExpander(properties),
                    IgnoredModulesOptions.OMIT));
            checker.addListener(new Collector(violations));
            int errors = checker.process(List.of(file));
            assertThat(errors).isEqualTo(violations.size());
        } finally {
            checker.destroy();
        }
        return violations;
    }

    private record Collector(List<AuditEvent> violations) implements AuditListener {
        @Override
        public void auditStarted(AuditEvent event) {}

        @Override
        public void auditFinished(AuditEvent event) {}

        @Override
        public void fileStarted(AuditEvent event) {}

        @Override
        public void fileFinished(AuditEvent event) {}

        @Override
        public void addError(AuditEvent event) {
            violations.add(event);
        }

        @Override
        public void addException(AuditEvent event, Throwable throwable) {
            throw new AssertionError("Checkstyle failed on " + event.getFileName(), throwable);
        }
    }
}
