package dev.baton.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conductor's REST surface as {@code conformance/conductor/endpoints.md} lists it (taken
 * from Conductor's own controllers), read at test time. The corpus folder is found as the engine's
 * conformance test finds it: {@code -Dbaton.conformance.dir}, else {@code conformance/conductor}
 * in the working directory or one of its parents.
 */
final class ConductorEndpoints {
    private static final Pattern ROW =
            Pattern.compile("^\\|\\s*(\\w+)\\s*\\|\\s*(GET|POST|PUT|DELETE|PATCH)\\s*\\|\\s*`([^`]+)`\\s*\\|\\s*$");

    /** One endpoint: the Conductor resource (controller) that serves it, the method and the path template. */
    record Endpoint(String resource, String method, String path) {
        String key() {
            return method + " " + path;
        }
    }

    private ConductorEndpoints() {}

    static List<Endpoint> all() {
        Path file = corpus().resolve("endpoints.md");
        List<Endpoint> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher m = ROW.matcher(line.trim());
                if (m.matches()) {
                    out.add(new Endpoint(m.group(1), m.group(2), m.group(3)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException(file + " lists no endpoint (the table format changed?)");
        }
        return out;
    }

    private static Path corpus() {
        String configured = System.getProperty("baton.conformance.dir");
        if (configured != null && !configured.isBlank()) {
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
}
