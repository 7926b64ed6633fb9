package dev.baton.engine.process;

import dev.baton.dsl.TaskKind;
import dev.baton.dsl.WorkflowTask;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.util.List;

/**
 * A SUB_WORKFLOW's child runs again — retried, restarted or rerun — and tells its parent (a
 * {@code ChildFinished} with status RUNNING). As Conductor's executor does it, walking up from the
 * child: the parent's SUB_WORKFLOW task waits for the child again; a parent that had ended runs
 * again (its lastRetriedTime set), its canceled tasks are repaired (a JOIN or DO_WHILE waits again,
 * any other task is scheduled again with the next retryCount), its other failed children are
 * retried; and it tells its own parent, up to the root.
 *
 * <p>The parent does not follow when its task was optional or replaced by a newer attempt, when
 * the task is gone (the parent was restarted or rerun), or — unlike Conductor, which would reopen a
 * task the workflow has already moved past — when the task had completed.
 */
final class ParentResumption {
    private ParentResumption() {}

    /** The child {@code c.childWorkflowId()} runs again. */
    static void childRunning(Step s, EngineInput.ChildFinished c) {
        TaskState t = s.wf.task(c.parentTaskId()).orElse(null);
        String refused = refusal(s, t, c.childWorkflowId());
        if (refused != null) {
            TaskResultProcessor.ignored(s, t, "CHILD_RUNNING", null, refused);
            return;
        }
        if (!t.status.isTerminal()) {
            return; // it is waiting for the child already (a retry with resumeSubworkflowTasks reopened it)
        }
        String why = "sub-workflow " + c.childWorkflowId() + " runs again";
        boolean ended = s.wf.isTerminal();
        if (ended) {
            Reopen.workflowRunsAgain(s);
            s.wf.lastRetriedTime = s.now;
            s.event(EventType.WORKFLOW_RETRIED, null, null, why);
            Timeouts.armWorkflow(s);
        }
        waitForChild(s, t, why);
        if (ended) {
            repairSiblings(s, t, why);
            tellParent(s);
        }
        s.wf.tasksRestructured(); // settled tasks are open again
    }

    private static String refusal(Step s, TaskState t, String childId) {
        if (t == null) {
            return "no task of this workflow waits for sub-workflow " + childId;
        }
        if (!childId.equals(t.subWorkflowId)) {
            return "task " + t.referenceTaskName + " waits for sub-workflow " + t.subWorkflowId + ", not " + childId;
        }
        if (t.retried) {
            return "task " + t.referenceTaskName + " was retried: a newer attempt runs";
        }
        WorkflowTask wt = s.workflowTask(t);
        if (wt != null && wt.isOptional()) {
            return "task " + t.referenceTaskName + " is optional: the workflow does not wait for its child again";
        }
        if (t.status.isSuccessful()) {
            return "task " + t.referenceTaskName + " is " + t.status + ": the workflow has moved past it";
        }
        if (s.wf.compensationQueue != null) {
            return "the workflow is compensating";
        }
        return null;
    }

    /** The SUB_WORKFLOW task waits for its child again. */
    static void waitForChild(Step s, TaskState t, String why) {
        Reopen.waitAgain(s, t, why);
    }

    /**
     * What else the ending of the workflow left behind: a failed or canceled SUB_WORKFLOW's child is
     * retried and the task waits for it; a join or loop waits again; any other canceled task is
     * scheduled again with the next retryCount; any other failure is decided again (and fails the
     * workflow again).
     */
    private static void repairSiblings(Step s, TaskState resumed, String why) {
        for (TaskState t : List.copyOf(s.wf.tasks)) {
            if (t == resumed || !Reopen.unsuccessful(t) || t.compensationOf != null) {
                continue;
            }
            if (t.kind() == TaskKind.SUB_WORKFLOW && t.subWorkflowId != null) {
                waitForChild(s, t, why);
                s.effects.add(new Effect.RetryWorkflow(t.subWorkflowId, false));
            } else if (t.kind().waitsOnTasks()) {
                Reopen.waitAgain(s, t, why);
            } else if (t.status == TaskStatus.CANCELED) {
                Reopen.reschedule(s, t, true, why);
            } else {
                t.executed = false; // another failure stands: the decider fails the workflow again, as Conductor's does
            }
        }
    }

    /** A child that runs again tells its parent (which then waits for it again). */
    static void tellParent(Step s) {
        if (s.wf.parentWorkflowId != null && s.wf.parentTaskId != null) {
            s.effects.add(new Effect.NotifyParent(
                    s.wf.parentWorkflowId, s.wf.parentTaskId, s.wf.workflowId, WorkflowStatus.RUNNING, null, null));
        }
    }
}
