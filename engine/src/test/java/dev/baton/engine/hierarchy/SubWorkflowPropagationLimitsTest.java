package dev.baton.engine.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.EngineHarness;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import org.junit.jupiter.api.Test;

/**
 * Where a child that runs again does not take its parent along (as in Conductor's executor), and
 * skipping a SUB_WORKFLOW task before it runs.
 */
class SubWorkflowPropagationLimitsTest {

    @Test
    void theChildOfASupersededAttemptLeavesItsParentAlone() {
        Hierarchy x = Hierarchy.sequential().failed();
        x.h.apply(x.root, new EngineInput.Retry(false));
        String newMid = x.h.current(x.root, "rsub").subWorkflowId;

        x.h.apply(x.mid, new EngineInput.Retry(false)); // the old mid-level runs again on its own

        x.h.assertThat(x.root)
                .hasStatus(WorkflowStatus.RUNNING)
                .hasTaskStatuses("rsub", TaskStatus.FAILED, TaskStatus.IN_PROGRESS)
                .hasEventTypesEndingWith(EventType.REPLY_IGNORED);
        assertThat(x.h.current(x.root, "rsub").subWorkflowId).isEqualTo(newMid);
        assertThat(x.h.events(x.root).get(x.h.events(x.root).size() - 1).reason())
                .contains("newer attempt");
    }

    @Test
    void anOptionalSubWorkflowsParentDoesNotWaitAgain() {
        Hierarchy x = Hierarchy.sequential();
        x.h.registerWorkflow("""
                {"name": "opt_parent", "version": 1, "schemaVersion": 2, "tasks": [
                  {"name": "sub_leaf", "taskReferenceName": "s", "type": "SUB_WORKFLOW", "optional": true,
                   "subWorkflowParam": {"name": "leaf", "version": 1}},
                  {"name": "root_a", "taskReferenceName": "after", "type": "SIMPLE"}]}""");
        String parent = x.h.start("opt_parent", "{}");
        String leaf = x.child(parent, "s");
        x.h.complete(leaf, "la", "{}");
        x.h.fail(leaf, "lb", "boom");
        x.h.complete(parent, "after", "{}");
        x.h.assertThat(parent)
                .hasStatus(WorkflowStatus.COMPLETED)
                .hasTaskStatuses("s", TaskStatus.COMPLETED_WITH_ERRORS);

        x.h.apply(leaf, new EngineInput.Retry(false));

        x.h.assertThat(parent)
                .hasStatus(WorkflowStatus.COMPLETED)
                .hasTaskStatuses("s", TaskStatus.COMPLETED_WITH_ERRORS)
                .hasEventTypesEndingWith(EventType.REPLY_IGNORED);

        // once the child completes, its task follows it (Conductor syncs the task with its child); the parent stays
        x.h.complete(leaf, "lb", "{\"fixed\": true}");
        x.h.assertThat(parent).hasStatus(WorkflowStatus.COMPLETED).hasTaskStatuses("s", TaskStatus.COMPLETED);
        assertThat(x.h.current(parent, "s").reasonForIncompletion).isNull();
    }

    @Test
    void aParentThatAlsoFailedElsewhereFailsAgain() {
        Hierarchy x = Hierarchy.forkJoin();
        String root = x.h.start("root", "{}");
        String mid = x.child(root, "rf_s");
        x.h.fail(root, "rf_o", "other branch boom"); // the root fails; its child is terminated
        x.h.assertThat(root).hasStatus(WorkflowStatus.FAILED).hasTaskStatuses("rf_s", TaskStatus.CANCELED);
        x.h.assertThat(mid).hasStatus(WorkflowStatus.TERMINATED);

        x.h.apply(mid, new EngineInput.Retry(false));

        x.h.assertThat(root)
                .hasStatus(WorkflowStatus.FAILED)
                .hasReasonContaining("other branch boom")
                .hasTaskStatuses("rf_s", TaskStatus.CANCELED);
        x.h.assertThat(mid).hasStatus(WorkflowStatus.TERMINATED);
    }

    @Test
    void aCanceledSiblingIsScheduledAgainWhenTheParentRunsAgain() {
        Hierarchy x = Hierarchy.forkJoin();
        String root = x.h.start("root", "{}");
        String mid = x.child(root, "rf_s");
        x.h.complete(mid, "mf_o", "{}");
        String leaf = x.child(mid, "mf_s");
        x.h.complete(leaf, "la", "{}");
        x.h.fail(leaf, "lb", "boom"); // rf_o, the root's other branch, has not answered yet
        x.h.assertThat(root).hasStatus(WorkflowStatus.FAILED).hasTaskStatuses("rf_o", TaskStatus.CANCELED);
        String canceledId = x.h.current(root, "rf_o").taskId;

        x.h.apply(leaf, new EngineInput.Retry(false));

        x.h.assertThat(root).hasStatus(WorkflowStatus.RUNNING).hasTaskStatuses("rf_o", TaskStatus.SCHEDULED);
        assertThat(x.h.current(root, "rf_o").taskId).as("same task").isEqualTo(canceledId);
        assertThat(x.h.current(root, "rf_o").retryCount).isEqualTo(1);
        assertThat(x.h.commands(root).get(x.h.commands(root).size() - 1).taskRef())
                .isEqualTo("rf_o");
        x.h.complete(leaf, "lb", "{}");
        x.h.complete(root, "rf_o", "{}");
        x.h.assertThat(root).hasStatus(WorkflowStatus.COMPLETED);
    }

    @Test
    void aSkippedSubWorkflowTaskStartsNoChild() {
        Hierarchy x = Hierarchy.sequential();
        String root = x.h.start("root", "{}");

        x.h.apply(root, new EngineInput.SkipTask("rsub", null, EngineHarness.object("{\"skipped\": true}")));
        x.h.complete(root, "ra", "{}");

        x.h.assertThat(root).hasStatus(WorkflowStatus.COMPLETED).hasTaskStatuses("rsub", TaskStatus.SKIPPED);
        assertThat(x.h.current(root, "rsub").subWorkflowId).isNull();
        assertThat(x.h.effects(root)).noneMatch(e -> e instanceof dev.baton.engine.effect.Effect.StartWorkflow);
    }

    @Test
    void skippingInsideARunningChildLetsItAndItsParentComplete() {
        Hierarchy x = Hierarchy.sequential();
        String root = x.h.start("root", "{}");
        x.h.complete(root, "ra", "{}");
        String mid = x.child(root, "rsub");

        x.h.apply(mid, new EngineInput.SkipTask("msub", null, null));
        x.h.complete(mid, "ma", "{}");

        x.h.assertThat(mid).hasStatus(WorkflowStatus.COMPLETED).hasTaskStatuses("msub", TaskStatus.SKIPPED);
        x.h.assertThat(root).hasStatus(WorkflowStatus.COMPLETED);
    }
}
