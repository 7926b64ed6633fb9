package dev.baton.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads documents of the Conductor conformance corpus ({@code conformance/conductor}).
 * The folder is found from the system property {@code baton.conformance.dir}, or by walking up
 * from the working directory to a directory that holds {@code conformance/conductor}.
 */
public final class Conformance {
    private Conformance() {}

    public static Path dir() {
        String configured = System.getProperty("baton.conformance.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("conformance/conductor");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("conformance corpus not found; set -Dbaton.conformance.dir");
    }

    /** The text of {@code workflows/<file>}. */
    public static String workflow(String file) {
        try {
            return Files.readString(dir().resolve("workflows").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
