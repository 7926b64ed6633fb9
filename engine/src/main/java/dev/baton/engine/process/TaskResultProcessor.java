package dev.baton.engine.process;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskDef;
import dev.baton.dsl.TaskKind;
import dev.baton.dsl.WorkflowTask;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.util.Optional;

/**
 * Applies a worker's reply (or poll) to the task attempt it answers; stale or duplicate replies
 * are recorded and ignored. A failure is retried as its definition says.
 */
final class TaskResultProcessor {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TaskResultProcessor() {}

    static void process(Step s, EngineInput.TaskResult r) {
        Optional<TaskState> found = s.wf.task(r.taskId());
        // A worker's logs belong to the task whatever becomes of the reply itself.
        found.ifPresent(t -> {
            if (TaskLogs.append(t, r.logs())) {
                s.wf.touched(t);
            }
        });
        String stale = staleReason(s, found, r.taskId(), r.attempt());
        if (stale != null) {
            ignored(s, found.orElse(null), r.status().name(), r.attempt(), stale);
            return;
        }
        TaskState t = found.get();
        long outputSize = PayloadSizes.of(r.output());
        if (outputSize > s.settings.payloads().taskOutput()) {
            if (t.startTime == 0) {
                t.startTime = s.now;
            }
            t.outputData = NODES.objectNode();
            Decider.finishTask(
                    s,
                    t,
                    TaskStatus.FAILED_WITH_TERMINAL_ERROR,
                    t.outputData,
                    PayloadSizes.taskTooLarge(
                            outputSize,
                            t.taskId,
                            s.wf.workflowId,
                            s.settings.payloads().taskOutput()));
            afterFailure(s, t);
            return;
        }
        boolean firstSignOfLife = t.startTime == 0;
        if (firstSignOfLife) {
            t.startTime = s.now;
        }
        if (AsyncCompletion.applies(s, t, r, firstSignOfLife)) {
            return;
        }
        switch (r.status()) {
            case IN_PROGRESS -> {
                // As in Conductor: the worker will report again; the task waits SCHEDULED for it,
                // hidden from polls for callbackAfterSeconds.
                t.outputData = reported(r); // as Conductor's updateTask: the worker's output replaces the task's
                t.callbackAfterSeconds = r.callbackAfterSeconds() == null ? 0 : r.callbackAfterSeconds();
                t.reasonForIncompletion = r.reason();
                Timeouts.armOnProgress(s, t, s.taskDefFor(t));
                if (firstSignOfLife) {
                    s.event(EventType.TASK_STARTED, t, r.output(), null);
                }
                t.status = TaskStatus.SCHEDULED;
            }
            case COMPLETED -> Decider.finishTask(s, t, TaskStatus.COMPLETED, reported(r), null);
            case FAILED, FAILED_WITH_TERMINAL_ERROR -> {
                t.outputData = reported(r);
                Decider.finishTask(
                        s,
                        t,
                        r.status() == ReplyStatus.FAILED_WITH_TERMINAL_ERROR
                                ? TaskStatus.FAILED_WITH_TERMINAL_ERROR
                                : TaskStatus.FAILED,
                        t.outputData,
                        workerReason(t, r));
                afterFailure(s, t);
            }
            case CANCELED -> {
                // as Conductor: not retried; the decider ends the workflow TERMINATED (Decider.continueAfter)
                t.outputData = reported(r);
                Decider.finishTask(s, t, TaskStatus.CANCELED, t.outputData, workerReason(t, r));
            }
        }
    }

    /**
     * The reason a worker gave, at most 500 characters as Conductor's TaskResult keeps it; the
     * built-in HTTP worker stands for Conductor's HTTP system task, whose reasons are not cut.
     */
    private static String workerReason(TaskState t, EngineInput.TaskResult r) {
        String reason = r.reason();
        return reason == null || t.kind() == TaskKind.HTTP || reason.length() <= 500
                ? reason
                : reason.substring(0, 500);
    }

    /** A worker took the task: SCHEDULED becomes IN_PROGRESS. */
    static void polled(Step s, EngineInput.TaskPolled p) {
        Optional<TaskState> found = s.wf.task(p.taskId());
        String stale = staleReason(s, found, p.taskId(), null);
        if (stale != null) {
            ignored(s, found.orElse(null), "POLL", null, stale);
            return;
        }
        TaskState t = found.get();
        t.pollCount++;
        t.callbackAfterSeconds = 0; // as in Conductor: a worker has it, the back-off is over
        Timeouts.polled(s, t);
        Timeouts.armOnSignOfLife(s, t, s.taskDefFor(t));
        if (t.status == TaskStatus.SCHEDULED) {
            t.status = TaskStatus.IN_PROGRESS;
            if (t.startTime == 0) {
                t.startTime = s.now;
            }
            s.event(EventType.TASK_STARTED, t, null, null);
        }
    }

    /** A worker's log lines for a task: kept with the task, whatever its status; true when the task changed. */
    static boolean logs(Step s, EngineInput.TaskLogs l) {
        Optional<TaskState> found = s.wf.task(l.taskId());
        if (found.isEmpty()) {
            ignored(s, null, "LOG", null, "no task " + l.taskId() + " in this workflow");
            return false;
        }
        boolean changed = TaskLogs.append(found.get(), l.logs());
        if (changed) {
            s.wf.touched(found.get());
        }
        return changed;
    }

    static void ignored(Step s, TaskState t, String what, Integer attempt, String reason) {
        ObjectNode payload = NODES.objectNode();
        payload.put("replyStatus", what);
        if (attempt != null) {
            payload.put("replyAttempt", attempt);
        }
        s.event(EventType.REPLY_IGNORED, t, payload, reason);
    }

    private static String staleReason(Step s, Optional<TaskState> found, String taskId, Integer attempt) {
        if (found.isEmpty()) {
            return "no task " + taskId + " in this workflow";
        }
        TaskState t = found.get();
        if (attempt != null && attempt != t.retryCount) {
            return "reply for attempt " + attempt + " but the task is at attempt " + t.retryCount;
        }
        if (t.status.isTerminal()) {
            return "task already " + t.status;
        }
        if (t.awaitingDispatch) {
            return "task attempt not dispatched yet";
        }
        if (!t.kind().isSentToWorker()) {
            return "task " + t.referenceTaskName + " is a " + t.taskType + " task, not one sent to a worker";
        }
        if (s.wf.isTerminal()) {
            return "workflow already " + s.wf.status;
        }
        return null;
    }

    /**
     * After a task failed or timed out: a new attempt when its definition allows one,
     * COMPLETED_WITH_ERRORS when it is optional, else the failure stands and the decider fails the workflow.
     */
    static void afterFailure(Step s, TaskState t) {
        WorkflowTask wt = s.workflowTask(t);
        TaskDef def = s.taskDefFor(t);
        // An observed step is the service's own doing: Baton cannot retry what it did not send.
        int retries = wt != null && wt.isObserved()
                ? 0
                : wt != null && wt.retryCount() != null ? wt.retryCount() : def.retryCountOrDefault();
        if (t.status != TaskStatus.FAILED_WITH_TERMINAL_ERROR && t.retryCount < retries) {
            if (TotalTimeouts.exhausted(s, t, def)) {
                return;
            }
            retry(s, t, def, wt);
        } else if (wt != null && wt.isOptional()) {
            t.status = TaskStatus.COMPLETED_WITH_ERRORS;
            s.event(EventType.TASK_COMPLETED, t, t.outputData, t.reasonForIncompletion);
        }
    }

    /**
     * Replaces the failed attempt with the next one, sent now or after the retry delay. As in
     * Conductor, the new attempt shows its back-off (startDelayInSeconds, and callbackAfterSeconds
     * until a worker takes it) and the reason its predecessor failed.
     */
    private static void retry(Step s, TaskState failed, TaskDef def, WorkflowTask wt) {
        newAttempt(
                s,
                failed,
                RetryPolicy.delayMillis(def, failed.retryCount, failed.taskId),
                (int) Math.min(Integer.MAX_VALUE, RetryPolicy.delayMillis(def, failed.retryCount) / 1000),
                true);
    }

    /** A new attempt of a failed task, sent at once (an operator's retry). */
    static TaskState newAttempt(Step s, TaskState failed, long delay) {
        return newAttempt(s, failed, delay, 0, false);
    }

    /**
     * A new attempt of a failed task: same reference, next retryCount, input evaluated again; it
     * keeps the first attempt's scheduled time (totalTimeoutSeconds runs from it).
     */
    static TaskState newAttempt(Step s, TaskState failed, long delay, int delaySeconds, boolean keepReason) {
        WorkflowTask wt = s.workflowTask(failed);
        failed.retried = true;
        failed.executed = true;
        TaskState next = new TaskState();
        next.taskId = s.newId("task");
        next.referenceTaskName = failed.referenceTaskName;
        next.defRef = failed.defRef;
        next.iteration = failed.iteration;
        next.taskDefName = failed.taskDefName;
        next.taskType = failed.taskType;
        next.retryCount = failed.retryCount + 1;
        next.retriedTaskId = failed.taskId;
        next.compensationOf = failed.compensationOf;
        next.status = TaskStatus.SCHEDULED;
        next.scheduledTime = s.now;
        next.firstScheduledTime = failed.firstScheduledTime;
        next.startDelayInSeconds = delaySeconds;
        next.callbackAfterSeconds = delaySeconds;
        next.reasonForIncompletion = keepReason ? failed.reasonForIncompletion : null;
        next.inputData = wt != null ? Decider.taskInput(s, wt, next.taskId) : failed.inputData.deepCopy();
        Decider.add(s, next);
        TotalTimeouts.arm(s, next);
        ObjectNode payload = NODES.objectNode();
        payload.put("retryOf", failed.taskId);
        payload.put("delayMillis", delay);
        s.event(EventType.TASK_RETRY_SCHEDULED, next, payload, failed.reasonForIncompletion);
        if (!next.kind().isSentToWorker()) {
            SystemTasks.start(s, wt, next);
        } else if (delay > 0) {
            next.awaitingDispatch = true;
            s.setTimer(TimerProcessor.retryTimerId(next.taskId), s.now + delay);
        } else if (s.wf.status == WorkflowStatus.RUNNING) {
            s.dispatch(next);
        } else {
            next.awaitingDispatch = true;
        }
        return next;
    }

    /** The output a worker reported (none: empty), which becomes the task's output. */
    static ObjectNode reported(EngineInput.TaskResult r) {
        return r.output() == null ? NODES.objectNode() : r.output().deepCopy();
    }

    static ObjectNode merge(ObjectNode current, ObjectNode update) {
        if (current == null) {
            return update.deepCopy();
        }
        ObjectNode out = current.deepCopy();
        out.setAll(update.deepCopy());
        return out;
    }
}
