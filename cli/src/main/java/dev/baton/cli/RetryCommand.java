package dev.baton.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code baton retry}: POST /workflow/{id}/retry (retries the last failed task). */
@Command(name = "retry", description = "Retry a failed workflow from its last failed task.")
final class RetryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WORKFLOW_ID")
    String workflowId;

    @Option(names = "--resume-subworkflow-tasks", description = "Also retry inside a failed sub-workflow")
    boolean resumeSubworkflowTasks;

    @Override
    public Integer call() {
        Baton baton = Baton.root(spec);
        baton.api()
                .post(
                        WorkflowAction.path(workflowId) + "/retry",
                        BatonApi.query("resumeSubworkflowTasks", resumeSubworkflowTasks ? Boolean.TRUE : null),
                        null);
        return WorkflowAction.done(baton, "retry", workflowId);
    }
}
