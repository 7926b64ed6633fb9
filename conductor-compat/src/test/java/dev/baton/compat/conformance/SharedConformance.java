package dev.baton.compat.conformance;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the conformance material lives: {@code conformance/} at the repository's root
 * (the corpus {@code conductor/} and the black-box runner {@code run_scenarios.py}). Found as the
 * engine's conformance test finds it: the system property {@code baton.conformance.dir} (the
 * corpus folder), else by walking up from the working directory.
 */
final class SharedConformance {
    static final String CORPUS_PROPERTY = "baton.conformance.dir";

    private SharedConformance() {}

    /** The corpus folder, {@code conformance/conductor}. */
    static Path corpus() {
        String configured = System.getProperty(CORPUS_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("conformance/conductor");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("conformance corpus not found; set -D" + CORPUS_PROPERTY);
    }

    /** The runner, {@code conformance/run_scenarios.py} (the corpus folder's sibling). */
    static Path runner() {
        Path script = corpus().getParent().resolve("run_scenarios.py");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("scenario runner not found at " + script);
        }
        return script;
    }
}
