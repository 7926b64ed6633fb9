package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import org.junit.jupiter.api.Test;

/** Payloads beyond Conductor's hard barriers fail the task or the workflow, with Conductor's wording. */
class PayloadLimitsTest {
    private static final PayloadLimits SMALL = new PayloadLimits(1_000, 1_000, 1_000, 1_000, 500);
    private final EngineHarness h = new EngineHarness(new EngineSettings(256 * 1024, 100, SMALL));

    private static String big(int n) {
        return "{\"blob\": \"" + "x".repeat(n) + "\"}";
    }

    @Test
    void aTaskOutputBeyondTheLimitFailsTheTaskTerminally() {
        h.registerWorkflow("""
                {"name": "w", "version": 1, "tasks": [{"name": "work", "taskReferenceName": "work"}]}""");
        String wf = h.start("w", "{}");

        h.complete(wf, "work", big(2_000));

        TaskState work = h.current(wf, "work");
        assertThat(work.status).isEqualTo(TaskStatus.FAILED_WITH_TERMINAL_ERROR);
        assertThat(work.outputData).isEmpty();
        assertThat(work.reasonForIncompletion)
                .matches("The payload size: \\d+ of task: " + work.taskId + " in workflow: " + wf
                        + "  is greater than the permissible limit: 1000 bytes");
        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED);
    }

    @Test
    void aWorkflowInputBeyondTheLimitFailsTheWorkflowAtOnce() {
        h.registerWorkflow("""
                {"name": "w", "version": 1, "tasks": [{"name": "work", "taskReferenceName": "work"}]}""");
        String wf = h.start("w", big(2_000));
        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED).hasDispatchedCount(0);
        assertThat(h.instance(wf).reasonForIncompletion)
                .matches("The payload size: \\d+ of workflow: " + wf
                        + " is greater than the permissible limit: 1000 bytes");
    }

    @Test
    void aResolvedTaskInputBeyondTheLimitFailsTheTaskWithoutSendingIt() {
        h.registerWorkflow("""
                {"name": "w", "version": 1, "tasks": [
                  {"name": "first", "taskReferenceName": "first"},
                  {"name": "second", "taskReferenceName": "second", "inputParameters": {"x": "${first.output.blob}", "y": "${first.output.blob}"}}]}""");
        String wf = h.start("w", "{}");
        h.complete(wf, "first", big(900));

        TaskState second = h.current(wf, "second");
        assertThat(second.status).isEqualTo(TaskStatus.FAILED_WITH_TERMINAL_ERROR);
        assertThat(second.reasonForIncompletion).contains("is greater than the permissible limit: 1000 bytes");
        assertThat(h.commands(wf)).extracting(EngineHarness.Command::taskRef).containsExactly("first");
    }

    @Test
    void aWorkflowOutputBeyondTheLimitFailsTheWorkflow() {
        h.registerWorkflow("""
                {"name": "w", "version": 1, "tasks": [
                  {"name": "a", "taskReferenceName": "a"}, {"name": "b", "taskReferenceName": "b"}],
                 "outputParameters": {"x": "${a.output.blob}", "y": "${b.output.blob}"}}""");
        String wf = h.start("w", "{}");
        h.complete(wf, "a", big(600));
        h.complete(wf, "b", big(600));
        h.assertThat(wf).hasStatus(WorkflowStatus.FAILED);
        assertThat(h.instance(wf).reasonForIncompletion).contains("of workflow: " + wf + " is greater than");
        assertThat(h.instance(wf).output).isEmpty();
    }

    @Test
    void aChildInputOrAPublicationTooLargeForOneRecordFailsTheTask() {
        h.registerWorkflow("""
                {"name": "child", "version": 1, "tasks": [{"name": "c", "taskReferenceName": "c"}]}""");
        h.registerWorkflow("""
                {"name": "parent", "version": 1, "tasks": [
                  {"name": "sub", "taskReferenceName": "sub", "type": "SUB_WORKFLOW",
                   "subWorkflowParam": {"name": "child"}, "inputParameters": {"x": "${workflow.input.blob}"}}]}""");
        h.registerWorkflow("""
                {"name": "pub", "version": 1, "tasks": [
                  {"name": "e", "taskReferenceName": "e", "type": "EVENT", "sink": "conductor",
                   "inputParameters": {"x": "${workflow.input.blob}"}}]}""");

        String parent = h.start("parent", big(700));
        String pub = h.start("pub", big(700));

        assertThat(h.current(parent, "sub").status).isEqualTo(TaskStatus.FAILED_WITH_TERMINAL_ERROR);
        assertThat(h.current(parent, "sub").reasonForIncompletion).contains("baton.limits.max-record-kb");
        assertThat(h.effects(parent)).noneMatch(e -> e instanceof Effect.StartWorkflow);
        assertThat(h.current(pub, "e").status).isEqualTo(TaskStatus.FAILED_WITH_TERMINAL_ERROR);
        assertThat(h.effects(pub)).noneMatch(e -> e instanceof Effect.Publish);
    }
}
