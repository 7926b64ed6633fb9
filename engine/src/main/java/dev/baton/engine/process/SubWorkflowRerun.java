package dev.baton.engine.process;

import dev.baton.dsl.TaskKind;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.model.TaskState;
import java.util.List;

/**
 * A rerun from a SUB_WORKFLOW task that failed (or was canceled), as Conductor does it: the task
 * is rerun in place — same task id, a new child — without dropping the tasks after it (a sibling
 * fork branch keeps what it did), and the workflow's other failed or canceled tasks run again: a
 * join or loop waits again, any other task is scheduled again.
 */
final class SubWorkflowRerun {
    private SubWorkflowRerun() {}

    /** Whether a rerun from this task is done in place. */
    static boolean applies(TaskState t) {
        return t.kind() == TaskKind.SUB_WORKFLOW && Reopen.unsuccessful(t);
    }

    static void rerun(Step s, TaskState t) {
        Reopen.workflowRunsAgain(s);
        s.event(EventType.WORKFLOW_RERUN, null, null, "from " + t.referenceTaskName);
        String why = "rerun from " + t.referenceTaskName;
        for (TaskState other : List.copyOf(s.wf.tasks)) {
            if (other == t || !Reopen.unsuccessful(other) || other.compensationOf != null) {
                continue;
            }
            if (other.kind().waitsOnTasks()) {
                Reopen.waitAgain(s, other, why);
            } else {
                Reopen.reschedule(s, other, false, why);
            }
        }
        Reopen.reschedule(s, t, false, why); // starts a new child
        s.wf.tasksRestructured(); // settled tasks are open again
    }
}
