package dev.baton.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code baton terminate}: DELETE /workflow/{id}?reason=... */
@Command(name = "terminate", description = "Terminate a workflow.")
final class TerminateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WORKFLOW_ID")
    String workflowId;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept as reasonForIncompletion)")
    String reason;

    @Override
    public Integer call() {
        Baton baton = Baton.root(spec);
        baton.api().delete(WorkflowAction.path(workflowId), BatonApi.query("reason", reason));
        return WorkflowAction.done(baton, "terminate", workflowId);
    }
}
