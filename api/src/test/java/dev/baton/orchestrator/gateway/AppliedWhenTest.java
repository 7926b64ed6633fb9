package dev.baton.orchestrator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.model.TaskLog;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppliedWhenTest {
    private final WorkflowInstance wf = new WorkflowInstance();
    private final TaskState task = new TaskState();

    AppliedWhenTest() {
        wf.workflowId = "wf";
        wf.status = WorkflowStatus.RUNNING;
        task.taskId = "t1";
        task.referenceTaskName = "w";
        task.status = TaskStatus.SCHEDULED;
        wf.addTask(task);
    }

    @Test
    void aPollIsAppliedOnceTheTaskCountsOneMorePoll() {
        assertThat(AppliedWhen.polledSince(wf, "t1", 0)).isFalse();
        task.pollCount = 1;
        task.status = TaskStatus.IN_PROGRESS;
        assertThat(AppliedWhen.polledSince(wf, "t1", 0)).isTrue();
        assertThat(AppliedWhen.polledSince(wf, "t1", 1)).isFalse();
        assertThat(AppliedWhen.polledSince(wf, "gone", 1))
                .as("a task no longer there")
                .isTrue();
        wf.status = WorkflowStatus.TERMINATED;
        assertThat(AppliedWhen.polledSince(wf, "t1", 1))
                .as("the workflow has ended")
                .isTrue();
    }

    @Test
    void anInProgressUpdateIsAppliedOnceTheTaskWaitsWithItsCallbackOrWasPolledAgain() {
        task.status = TaskStatus.IN_PROGRESS;
        task.pollCount = 1;
        assertThat(AppliedWhen.backInQueue(wf, "t1", 60, 1)).isFalse();
        task.status = TaskStatus.SCHEDULED;
        assertThat(AppliedWhen.backInQueue(wf, "t1", 60, 1))
                .as("another callback")
                .isFalse();
        task.callbackAfterSeconds = 60;
        assertThat(AppliedWhen.backInQueue(wf, "t1", 60, 1)).isTrue();

        task.status = TaskStatus.IN_PROGRESS;
        task.callbackAfterSeconds = 0;
        task.pollCount = 2;
        assertThat(AppliedWhen.backInQueue(wf, "t1", 60, 1))
                .as("polled again since")
                .isTrue();
        task.pollCount = 1;
        task.status = TaskStatus.COMPLETED;
        assertThat(AppliedWhen.backInQueue(wf, "t1", 60, 1)).as("ended").isTrue();
    }

    @Test
    void anUpdateThatEndsTheTaskIsAppliedOnceItShowsEnded() {
        task.status = TaskStatus.IN_PROGRESS;
        assertThat(AppliedWhen.ended(wf, "t1")).isFalse();
        task.status = TaskStatus.FAILED;
        assertThat(AppliedWhen.ended(wf, "t1")).isTrue();
    }

    @Test
    void aLogLineIsAppliedOnceTheTaskKeepsItEvenCutShort() {
        TaskLog line = new TaskLog("a long line", 42);
        assertThat(AppliedWhen.logged(wf, "t1", line)).isFalse();
        task.logs = List.of(new TaskLog("a long line", 41));
        assertThat(AppliedWhen.logged(wf, "t1", line)).as("another line's time").isFalse();
        task.logs = List.of(new TaskLog("a long", 42));
        assertThat(AppliedWhen.logged(wf, "t1", line)).isTrue();
        assertThat(AppliedWhen.logged(wf, "gone", line)).isTrue();
    }
}
