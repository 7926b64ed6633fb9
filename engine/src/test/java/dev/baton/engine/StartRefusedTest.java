package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.engine.process.WorkflowEngine;
import org.junit.jupiter.api.Test;

/** A START that creates no instance (an unknown definition): the engine says what its parent, if any, learns. */
class StartRefusedTest {

    @Test
    void aSubWorkflowChildsParentLearnsThatItsChildFailedWithTheReason() {
        assertThat(WorkflowEngine.startRefused("child-1", "parent-1", "task-7", "unknown workflow definition x"))
                .containsExactly(new Effect.NotifyParent(
                        "parent-1", "task-7", "child-1", WorkflowStatus.FAILED, null, "unknown workflow definition x"));
    }

    @Test
    void aStartWithoutAParentTaskLeavesNothingToDo() {
        assertThat(WorkflowEngine.startRefused("wf-1", null, null, "unknown")).isEmpty();
        assertThat(WorkflowEngine.startRefused("wf-2", "parent-2", null, "unknown"))
                .as("START_WORKFLOW: no task waits for it")
                .isEmpty();
    }
}
