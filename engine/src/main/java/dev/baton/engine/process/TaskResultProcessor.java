package dev.baton.engine.process;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskDef;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.util.Optional;

/** Applies a service's reply to the task attempt it answers; stale or duplicate replies are recorded and ignored. */
final class TaskResultProcessor {
    private TaskResultProcessor() {
    }

    static void process(Step s, EngineInput.TaskResult r) {
        Optional<TaskState> found = s.wf.task(r.taskId());
        String stale = staleReason(s, found, r);
        if (stale != null) {
            ObjectNode payload = JsonNodeFactory.instance.objectNode();
            payload.put("replyStatus", r.status().name());
            if (r.attempt() != null) {
                payload.put("replyAttempt", r.attempt());
            }
            s.event(EventType.REPLY_IGNORED, found.orElse(null), payload, stale);
            return;
        }
        TaskState t = found.get();
        if (t.startTime == 0) {
            t.startTime = s.now;
        }
        switch (r.status()) {
            case IN_PROGRESS -> {
                if (t.status == TaskStatus.SCHEDULED) {
                    t.status = TaskStatus.IN_PROGRESS;
                    s.event(EventType.TASK_STARTED, t, r.output(), null);
                }
            }
            case COMPLETED -> {
                t.status = TaskStatus.COMPLETED;
                t.outputData = r.output() == null ? JsonNodeFactory.instance.objectNode() : r.output();
                t.endTime = s.now;
                s.event(EventType.TASK_COMPLETED, t, t.outputData, null);
                Decider.advance(s);
            }
            case FAILED, FAILED_WITH_TERMINAL_ERROR -> failed(s, t, r);
        }
    }

    private static String staleReason(Step s, Optional<TaskState> found, EngineInput.TaskResult r) {
        if (found.isEmpty()) {
            return "no task " + r.taskId() + " in this workflow";
        }
        TaskState t = found.get();
        if (r.attempt() != null && r.attempt() != t.retryCount) {
            return "reply for attempt " + r.attempt() + " but the task is at attempt " + t.retryCount;
        }
        if (t.status.isTerminal()) {
            return "task already " + t.status;
        }
        if (t.awaitingDispatch) {
            return "task attempt not dispatched yet";
        }
        if (s.wf.isTerminal()) {
            return "workflow already " + s.wf.status;
        }
        return null;
    }

    private static void failed(Step s, TaskState t, EngineInput.TaskResult r) {
        boolean terminal = r.status() == ReplyStatus.FAILED_WITH_TERMINAL_ERROR;
        t.status = terminal ? TaskStatus.FAILED_WITH_TERMINAL_ERROR : TaskStatus.FAILED;
        t.outputData = r.output();
        t.endTime = s.now;
        t.reasonForIncompletion = r.reason() == null ? "task failed" : r.reason();
        s.event(EventType.TASK_FAILED, t, r.output(), t.reasonForIncompletion);
        TaskDef def = s.taskDefFor(t);
        Integer override = s.def.tasks().get(t.defIndex).retryCount();
        int retries = override != null ? override : def.retryCountOrDefault();
        if (!terminal && t.retryCount < retries) {
            retry(s, t, def);
        } else if (s.def.tasks().get(t.defIndex).isOptional()) {
            t.status = TaskStatus.COMPLETED_WITH_ERRORS;
            Decider.advance(s);
        } else {
            Decider.fail(s, t.reasonForIncompletion);
        }
    }

    /** Replaces the failed attempt with the next one, sent now or after the retry delay. */
    static void retry(Step s, TaskState failed, TaskDef def) {
        failed.retried = true;
        TaskState next = new TaskState();
        next.taskId = s.newId("task");
        next.referenceTaskName = failed.referenceTaskName;
        next.taskDefName = failed.taskDefName;
        next.taskType = failed.taskType;
        next.defIndex = failed.defIndex;
        next.retryCount = failed.retryCount + 1;
        next.status = TaskStatus.SCHEDULED;
        next.scheduledTime = s.now;
        next.inputData = Decider.taskInput(s, s.def.tasks().get(failed.defIndex), next.taskId);
        s.wf.tasks.add(next);
        long delay = RetryPolicy.delayMillis(def, failed.retryCount);
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("retryOf", failed.taskId);
        payload.put("delayMillis", delay);
        s.event(EventType.TASK_RETRY_SCHEDULED, next, payload, failed.reasonForIncompletion);
        if (delay > 0) {
            next.awaitingDispatch = true;
            s.setTimer(TimerProcessor.retryTimerId(next.taskId), s.now + delay);
        } else if (s.wf.status == WorkflowStatus.RUNNING) {
            s.dispatch(next);
        } else {
            next.awaitingDispatch = true;
        }
    }
}
