package dev.baton.buildrules;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javaformat.java.Formatter;
import com.palantir.javaformat.java.FormatterException;
import com.palantir.javaformat.java.JavaFormatterOptions;
import org.junit.jupiter.api.Test;

/**
 * The build's Java format (Spotless with palantir-java-format, the version in the root pom): misformatted code is
 * changed by it, so {@code spotless:check} fails on it; formatted code is left as it is.
 */
class FormatRuleTest {

    /** Spotless's palantirJavaFormat step as the pom configures it: PALANTIR style, javadoc left as it is. */
    private static final Formatter FORMATTER = Formatter.createFormatter(JavaFormatterOptions.builder()
            .style(JavaFormatterOptions.Style.PALANTIR)
            .formatJavadoc(false)
            .build());

    /** What the step does: format, drop unused imports, order imports. */
    private static String format(String source) throws FormatterException {
        return FORMATTER.formatSourceAndFixImports(source);
    }

    @Test
    void misformattedCodeIsChanged() throws FormatterException {
        String source = Fixtures.text("format/Misformatted");

        String formatted = format(source);

        assertThat(formatted).isNotEqualTo(source);
        assertThat(formatted).contains("    public int sum(int a, int b) {\n        return a + b;\n    }");
        assertThat(format(formatted)).as("formatting is stable").isEqualTo(formatted);
    }

    @Test
    void formattedCodeIsLeftAsItIs() throws FormatterException {
        String source = Fixtures.text("format/Formatted");

        assertThat(format(source)).isEqualTo(source);
    }
}
