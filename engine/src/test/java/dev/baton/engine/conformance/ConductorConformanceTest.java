package dev.baton.engine.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every scenario of the Conductor conformance corpus against the pure engine, one dynamic
 * test per scenario id, and writes {@code target/conformance-report.txt}.
 *
 * <p>The build stays green while the engine grows, and honest: a scenario listed in
 * {@code known-failures.txt} that fails is reported as a KNOWN GAP; a listed scenario that now
 * passes fails its test (remove it from the list); an unlisted scenario that fails, fails.
 * Run with {@code -Dbaton.conformance.updateKnownFailures=true} to rewrite the list from the
 * current run, and with {@code -Dbaton.conformance.trace=<part of an id>} to write every input,
 * effect and task list of the matching scenarios to {@code target/conformance-trace.txt}.
 */
class ConductorConformanceTest {
    static final String UPDATE_PROPERTY = "baton.conformance.updateKnownFailures";
    /** Scenario ids containing this text are traced into {@code target/conformance-trace.txt}. */
    static final String TRACE_PROPERTY = "baton.conformance.trace";

    static final Path REPORT = Path.of("target", "conformance-report.txt");
    static final Path TRACE = Path.of("target", "conformance-trace.txt");

    @TestFactory
    Stream<DynamicTest> conductorScenarios() {
        Corpus corpus = Corpus.get();
        String traced = System.getProperty(TRACE_PROPERTY);
        List<ScenarioResult> results = corpus.scenarios.stream()
                .map(s -> ScenarioRunner.run(
                        corpus,
                        s,
                        traced != null
                                && !traced.isEmpty()
                                && s.path("id").asText().contains(traced)))
                .toList();
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            KnownFailures.write(results);
        }
        Map<String, String> known = KnownFailures.read();
        String report = ConformanceReport.render(results, known);
        System.out.println(report);
        try {
            Files.createDirectories(REPORT.toAbsolutePath().getParent());
            Files.writeString(REPORT, report);
            if (traced != null) {
                StringBuilder sb = new StringBuilder();
                results.stream()
                        .filter(r -> r.trace() != null)
                        .forEach(r -> sb.append("##### ")
                                .append(r.id())
                                .append('\n')
                                .append(r.trace())
                                .append(r.failures().isEmpty() ? "PASSED\n" : "FAILURES\n")
                                .append(r.failures().stream()
                                        .map(f -> "  " + f + "\n")
                                        .collect(Collectors.joining()))
                                .append('\n'));
                Files.writeString(TRACE, sb.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("corpus is not empty", () -> assertFalse(results.isEmpty())));
        Set<String> ids = results.stream().map(ScenarioResult::id).collect(Collectors.toSet());
        tests.add(DynamicTest.dynamicTest("known-failures.txt names only existing scenarios", () -> {
            List<String> stale =
                    known.keySet().stream().filter(id -> !ids.contains(id)).toList();
            if (!stale.isEmpty()) {
                fail("remove from known-failures.txt, no such scenario: " + stale);
            }
        }));
        for (ScenarioResult r : results) {
            tests.add(DynamicTest.dynamicTest(r.id(), () -> verdict(r, known)));
        }
        return tests.stream();
    }

    private static void verdict(ScenarioResult r, Map<String, String> known) {
        boolean listed = known.containsKey(r.id());
        if (r.passed()) {
            if (listed) {
                fail(r.id() + " passes now: remove " + r.id() + " from known-failures.txt");
            }
            return;
        }
        if (listed) {
            System.out.println("KNOWN GAP " + r.id() + ": " + r.firstFailure());
            return;
        }
        StringBuilder sb = new StringBuilder(r.id()).append(" fails (not in known-failures.txt):");
        r.failures().stream().limit(10).forEach(f -> sb.append("\n  ").append(f));
        if (r.failures().size() > 10) {
            sb.append("\n  ... ").append(r.failures().size() - 10).append(" more");
        }
        r.notes().forEach(n -> sb.append("\n  note: ").append(n));
        fail(sb.toString());
    }
}
