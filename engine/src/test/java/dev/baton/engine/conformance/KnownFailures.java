package dev.baton.engine.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checked-in list of scenarios the engine is known not to pass yet
 * ({@code src/test/resources/conformance/known-failures.txt}): one scenario id per line, an
 * optional {@code # reason} after it; blank lines and lines starting with {@code #} are ignored.
 */
final class KnownFailures {
    static final String RESOURCE = "conformance/known-failures.txt";
    /** The source file, relative to the engine module (Maven runs tests there). */
    static final Path SOURCE = Path.of("src/test/resources").resolve(RESOURCE);

    private KnownFailures() {}

    /** Scenario id → reason, from the source file when present, else from the test classpath. */
    static Map<String, String> read() {
        try {
            if (Files.exists(SOURCE)) {
                return parse(Files.readString(SOURCE));
            }
            try (InputStream in = KnownFailures.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                return in == null ? Map.of() : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> parse(String text) {
        Map<String, String> known = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int hash = t.indexOf('#');
            String id = (hash < 0 ? t : t.substring(0, hash)).strip();
            known.put(id, hash < 0 ? "" : t.substring(hash + 1).strip());
        }
        return known;
    }

    /** Rewrites the source file: every failing scenario with its first failing check as the reason. */
    static void write(List<ScenarioResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Conductor conformance scenarios the engine does not pass yet (ConductorConformanceTest).\n");
        sb.append("# One scenario id per line; after '#', the first failing check when the list was generated.\n");
        sb.append("# A listed scenario that passes fails the build (remove it); an unlisted one that fails too.\n");
        sb.append("# Regenerate after engine changes:\n");
        sb.append("#   ./mvnw -o -q -pl engine install -D")
                .append(ConductorConformanceTest.UPDATE_PROPERTY)
                .append("=true\n");
        for (ScenarioResult r : results) {
            if (!r.passed()) {
                String reason = r.firstFailure().replace('\n', ' ');
                if (reason.length() > 300) {
                    reason = reason.substring(0, 300) + "...";
                }
                sb.append(r.id()).append("  # ").append(reason).append('\n');
            }
        }
        try {
            Files.createDirectories(SOURCE.getParent());
            Files.writeString(SOURCE, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
