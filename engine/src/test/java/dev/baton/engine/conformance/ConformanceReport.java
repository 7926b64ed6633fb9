package dev.baton.engine.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The text report of a conformance run: pass counts per workflow, each failing scenario with
 * its first failing check, the inferred checks, and the steps or settings that could not run.
 */
final class ConformanceReport {
    private ConformanceReport() {}

    static String render(List<ScenarioResult> results, Map<String, String> known) {
        StringBuilder sb = new StringBuilder();
        int passed = (int) results.stream().filter(ScenarioResult::passed).count();
        int inferredBlocks =
                results.stream().mapToInt(ScenarioResult::inferredBlocks).sum();
        int inferredFailed =
                results.stream().mapToInt(ScenarioResult::inferredFailed).sum();
        sb.append("Conductor conformance: ")
                .append(passed)
                .append('/')
                .append(results.size())
                .append(" scenarios pass; inferred checks: ")
                .append(inferredBlocks - inferredFailed)
                .append('/')
                .append(inferredBlocks)
                .append(" blocks hold\n\n");

        Map<String, int[]> byWorkflow = new LinkedHashMap<>();
        for (ScenarioResult r : results) {
            int[] c = byWorkflow.computeIfAbsent(r.workflow(), k -> new int[4]);
            c[0] += r.passed() ? 1 : 0;
            c[1]++;
            c[2] += r.inferredBlocks() - r.inferredFailed();
            c[3] += r.inferredBlocks();
        }
        sb.append(String.format("%-40s %8s %10s%n", "workflow", "passed", "inferred"));
        byWorkflow.forEach((wf, c) -> sb.append(
                String.format("%-40s %8s %10s%n", wf, c[0] + "/" + c[1], c[3] == 0 ? "-" : c[2] + "/" + c[3])));
        sb.append(String.format(
                "%-40s %8s %10s%n%n",
                "TOTAL", passed + "/" + results.size(), (inferredBlocks - inferredFailed) + "/" + inferredBlocks));

        sb.append("Scenarios\n");
        for (ScenarioResult r : results) {
            String verdict = r.passed()
                    ? (known.containsKey(r.id()) ? "PASS (listed as known gap: remove it)" : "PASS")
                    : known.containsKey(r.id()) ? "KNOWN GAP" : "FAIL";
            sb.append(String.format(
                    "  %-62s %s%s%n",
                    r.id() + (r.inferredScenario() ? " [inferred]" : ""),
                    verdict,
                    r.failures().size() > 1 ? " (" + r.failures().size() + " failed checks)" : ""));
            if (!r.passed()) {
                sb.append("      first: ").append(r.firstFailure()).append('\n');
                for (String n : r.notes()) {
                    sb.append("      note: ").append(n).append('\n');
                }
            }
        }

        sb.append("\nInferred checks that do not hold (reported only)\n");
        boolean any = false;
        for (ScenarioResult r : results) {
            for (ScenarioResult.Failure f : r.inferredFailures()) {
                sb.append("  ").append(r.id()).append(" ").append(f).append('\n');
                any = true;
            }
        }
        if (!any) {
            sb.append("  (none)\n");
        }

        TreeSet<String> unsupported = new TreeSet<>();
        results.forEach(r -> unsupported.addAll(r.unsupported()));
        sb.append("\nNot supported by the engine API (scenarios using them fail): ")
                .append(unsupported.isEmpty() ? "(none)" : String.join(", ", unsupported))
                .append('\n');
        long millis = results.stream().mapToLong(ScenarioResult::millis).sum();
        sb.append("Run time: ").append(millis).append(" ms\n");
        return sb.toString();
    }
}
