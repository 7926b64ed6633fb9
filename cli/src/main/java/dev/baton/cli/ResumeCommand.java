package dev.baton.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code baton resume}: PUT /workflow/{id}/resume. */
@Command(name = "resume", description = "Resume a paused workflow.")
final class ResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WORKFLOW_ID")
    String workflowId;

    @Override
    public Integer call() {
        Baton baton = Baton.root(spec);
        baton.api().put(WorkflowAction.path(workflowId) + "/resume", null, null);
        return WorkflowAction.done(baton, "resume", workflowId);
    }
}
