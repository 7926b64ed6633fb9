package dev.baton.compat.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ratchet of the conformance run over REST: {@code src/test/resources/conformance/rest-known-failures.txt},
 * one scenario id per line with the reason after {@code #}; blank lines and lines starting with
 * {@code #} are comments. The list may only shrink: a listed scenario that passes fails the build.
 */
final class RestKnownFailures {
    /** The source file, relative to the module (Maven runs tests there). */
    static final Path SOURCE = Path.of("src/test/resources/conformance/rest-known-failures.txt");

    static final String UPDATE_PROPERTY = "baton.conformance.updateRestKnownFailures";

    private RestKnownFailures() {}

    /** Scenario id → reason. */
    static Map<String, String> read() {
        try {
            return parse(Files.readString(SOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SOURCE.toAbsolutePath(), e);
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
            String reason = hash < 0 ? "" : t.substring(hash + 1).strip();
            if (reason.isEmpty()) {
                throw new IllegalStateException("rest-known-failures.txt: " + id + " has no reason");
            }
            known.put(id, reason);
        }
        return known;
    }

    /**
     * Rewrites the file from a run: every scenario that did not pass, keeping the reason already
     * written for it, else the runner's message.
     */
    static void write(List<ScenarioRunnerProcess.Result> results, Map<String, String> previous) {
        StringBuilder sb = new StringBuilder()
                .append("# Conductor conformance scenarios that do not pass over Baton's REST API yet\n")
                .append("# (ConductorConformanceOverRestIT runs conformance/run_scenarios.py).\n")
                .append("# One scenario id per line, the reason after '#'. A listed scenario that passes fails\n")
                .append("# the build (remove it); an unlisted one that fails does too. Rewrite from a run with\n")
                .append("#   -D")
                .append(UPDATE_PROPERTY)
                .append("=true\n");
        for (ScenarioRunnerProcess.Result r : results) {
            if (!r.passed()) {
                String reason = previous.getOrDefault(r.id(), r.status() + ": " + r.message())
                        .replace('\n', ' ');
                sb.append(r.id())
                        .append("  # ")
                        .append(reason.length() > 200 ? reason.substring(0, 200) + "..." : reason)
                        .append('\n');
            }
        }
        try {
            Files.writeString(SOURCE, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
