package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code baton follow}: polls GET /workflow/{id}?includeTasks=true and prints one line per change
 * until the workflow ends; exit 0 when it COMPLETED, 3 when it FAILED, was TERMINATED or TIMED_OUT.
 */
@Command(
        name = "follow",
        description = {
            "Follow a workflow's history live until it ends.",
            "Exits 0 when it completes, 3 when it fails, is terminated or times out."
        })
final class FollowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WORKFLOW_ID")
    String workflowId;

    @Option(
            names = "--interval-ms",
            paramLabel = "MS",
            defaultValue = "500",
            description = "Polling interval (default: ${DEFAULT-VALUE})")
    long intervalMs;

    @Option(
            names = "--await-ms",
            paramLabel = "MS",
            defaultValue = "10000",
            description = "How long an instance not found yet (just started) is waited for (default: ${DEFAULT-VALUE})")
    long awaitMs;

    @Override
    public Integer call() throws InterruptedException {
        if (intervalMs < 1) {
            throw new UsageFailure("--interval-ms must be 1 or more");
        }
        Baton baton = Baton.root(spec);
        BatonApi api = baton.api();
        HistoryTracker tracker = new HistoryTracker();
        long awaitDeadline = System.nanoTime() + Math.max(0, awaitMs) * 1_000_000;
        boolean seen = false;
        while (true) {
            JsonNode wf;
            try {
                wf = GetCommand.fetch(api, workflowId, true);
            } catch (ApiFailure e) {
                if (e.status() == 404 && !seen && System.nanoTime() < awaitDeadline) {
                    Thread.sleep(intervalMs);
                    continue;
                }
                throw e;
            }
            seen = true;
            for (HistoryTracker.Change c : tracker.observe(wf)) {
                baton.out().println(baton.json() ? Json.write(c.toJson(workflowId)) : c.line(workflowId));
            }
            baton.out().flush();
            String status = tracker.workflowStatus();
            if (status != null && HistoryTracker.TERMINAL.contains(status)) {
                return "COMPLETED".equals(status) ? 0 : Baton.WORKFLOW_FAILED;
            }
            Thread.sleep(intervalMs);
        }
    }
}
