package dev.baton.compat.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code run_scenarios.py} (Python 3, standard library only) against a running server and
 * reads its {@code --json-out} file: the black box a Conductor user's scripts would be.
 */
final class ScenarioRunnerProcess {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The runner's verdict on one scenario: PASS, FAIL, ERROR or SKIP, with its message. */
    record Result(String id, String status, String message) {
        boolean passed() {
            return "PASS".equals(status);
        }
    }

    /** What one run produced: the runner's exit code, its summary line and the per-scenario results. */
    record Run(int exitCode, String summaryLine, List<Result> results) {}

    private ScenarioRunnerProcess() {}

    /**
     * Runs every scenario of {@code corpus} against {@code baseUrl} (the server root, without
     * {@code /api}); the runner's output is copied to standard output line by line.
     */
    static Run run(String baseUrl, Path corpus, Map<String, String> engineConfig, Path jsonOut, Duration limit) {
        List<String> cmd = new ArrayList<>(List.of(
                "python3",
                SharedConformance.runner().toString(),
                "--base",
                baseUrl,
                "--corpus",
                corpus.toString(),
                "--json-out",
                jsonOut.toString()));
        engineConfig.forEach((k, v) -> cmd.addAll(List.of("--engine-config", k + "=" + v)));
        try {
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String summary = null;
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                Thread watchdog = watchdog(process, limit);
                for (String line; (line = out.readLine()) != null; ) {
                    System.out.println("[run_scenarios] " + line);
                    if (line.startsWith("scenarios: ")) {
                        summary = line;
                    }
                }
                watchdog.interrupt();
            }
            int exit = process.waitFor();
            if (summary == null) {
                throw new IllegalStateException("run_scenarios.py printed no summary (exit " + exit + ")");
            }
            return new Run(exit, summary, results(jsonOut));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the runner (this process only) when it overruns its time limit. */
    private static Thread watchdog(Process process, Duration limit) {
        Thread t = new Thread(
                () -> {
                    try {
                        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                            System.out.println("[run_scenarios] killed after " + limit);
                            process.destroyForcibly();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "run-scenarios-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static List<Result> results(Path jsonOut) throws IOException {
        JsonNode doc = JSON.readTree(jsonOut.toFile());
        List<Result> results = new ArrayList<>();
        for (JsonNode s : doc.path("scenarios")) {
            results.add(new Result(
                    s.path("id").asText(),
                    s.path("status").asText(),
                    s.path("message").asText()));
        }
        return results;
    }
}
