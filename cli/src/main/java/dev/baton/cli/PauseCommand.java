package dev.baton.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code baton pause}: PUT /workflow/{id}/pause. */
@Command(name = "pause", description = "Pause a running workflow (no new tasks are scheduled).")
final class PauseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WORKFLOW_ID")
    String workflowId;

    @Override
    public Integer call() {
        Baton baton = Baton.root(spec);
        baton.api().put(WorkflowAction.path(workflowId) + "/pause", null, null);
        return WorkflowAction.done(baton, "pause", workflowId);
    }
}
