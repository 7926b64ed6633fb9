package dev.baton.orchestrator.api.views;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskKind;
import dev.baton.engine.model.TaskLog;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.api.model.Task;
import dev.baton.orchestrator.api.model.TaskDef;
import dev.baton.orchestrator.api.model.TaskExecLog;
import dev.baton.orchestrator.api.model.TaskSummary;
import dev.baton.orchestrator.api.model.WorkflowTask;
import java.util.ArrayList;
import java.util.List;

/**
 * Baton's task executions ({@link TaskState}) as Conductor's {@code Task}, {@code TaskSummary} and
 * {@code TaskExecLog}: runtime types as Conductor reports them (FORK for both forks, a DYNAMIC
 * task by the task it resolved to), the task's {@code workflowTask} and {@code taskDefinition}
 * from the definition the workflow runs, loop iteration, and a retry's back-off.
 */
public final class TaskViews {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The engine's id of the timer that holds a retry back: its prefix, then the new attempt's task id. */
    private static final String RETRY_TIMER_PREFIX = "retry/";

    private TaskViews() {}

    /** Conductor's Task for one execution of a workflow's task; {@code workerId} when known (null otherwise). */
    public static Task task(WorkflowInstance wf, TaskState t, WorkflowContext ctx, String workerId) {
        return build(wf, t, ctx, workerId, null);
    }

    /**
     * The task a worker has just polled, before the instance has recorded the poll: IN_PROGRESS,
     * started now (unless it started before), polled once more, with the input its command carries.
     */
    public static Task polled(WorkflowInstance wf, TaskState t, WorkflowContext ctx, Poll poll) {
        return build(wf, t, ctx, poll.workerId(), poll);
    }

    /**
     * A poll the instance does not show yet: who, when, the how-many-th, the input handed out, and
     * the domain the command was sent to (null: the default queue).
     */
    public record Poll(String workerId, long polledAt, int pollCount, ObjectNode input, String domain) {
        public Poll(String workerId, long polledAt, int pollCount, ObjectNode input) {
            this(workerId, polledAt, pollCount, input, null);
        }
    }

    private static Task build(WorkflowInstance wf, TaskState t, WorkflowContext ctx, String workerId, Poll poll) {
        WorkflowTask wt = workflowTask(wf, t, ctx);
        TaskDef def = wt.taskDefinition();
        // worker tasks: their task definition's response timeout and rate limit apply
        boolean worker = t.kind().isWorkerTask();
        long retryDelaySeconds = pendingRetryDelaySeconds(wf, t);
        long callbackAfter = poll != null
                ? 0
                : t.startDelayInSeconds > 0 || retryDelaySeconds == 0 ? t.callbackAfterSeconds : retryDelaySeconds;
        long startTime = poll != null && t.startTime <= 0 ? poll.polledAt() : t.startTime;
        long updateTime = poll != null ? poll.polledAt() : updateTime(t);
        return new Task(
                t.conductorType(),
                poll != null ? "IN_PROGRESS" : String.valueOf(t.status),
                poll != null && poll.input() != null ? poll.input() : orEmpty(t.inputData),
                t.referenceTaskName,
                t.retryCount,
                t.seq,
                wf.correlationId,
                poll != null ? Math.max(t.pollCount, poll.pollCount()) : t.pollCount,
                taskDefName(t),
                t.scheduledTime,
                startTime,
                t.endTime,
                updateTime,
                (int) (retryDelaySeconds > 0 ? retryDelaySeconds : wt.startDelay()),
                t.retriedTaskId,
                t.retried,
                t.executed,
                true,
                worker && def != null ? def.responseTimeoutSeconds() : 0,
                wf.workflowId,
                wf.workflowName,
                t.taskId,
                reason(t),
                callbackAfter,
                workerId,
                orEmpty(t.outputData),
                wt,
                poll != null && poll.domain() != null ? poll.domain() : worker ? TaskDomainView.of(wf, t) : null,
                worker && def != null && def.rateLimitPerFrequency() != null ? def.rateLimitPerFrequency() : 0,
                worker && def != null && def.rateLimitFrequencyInSeconds() != null
                        ? def.rateLimitFrequencyInSeconds()
                        : 0,
                null,
                null,
                0,
                null,
                null,
                t.iteration,
                t.kind() == TaskKind.START_WORKFLOW ? null : t.subWorkflowId, // Conductor shows it in the output only
                false,
                null,
                def,
                t.iteration > 0,
                queueWaitTime(t.scheduledTime, startTime, updateTime, callbackAfter, System.currentTimeMillis()),
                null);
    }

    /** Conductor's TaskSummary (a task search hit). */
    public static TaskSummary summary(WorkflowInstance wf, TaskState t) {
        String input = orEmpty(t.inputData).toString();
        String output = orEmpty(t.outputData).toString();
        long updateTime = updateTime(t);
        return new TaskSummary(
                wf.workflowId,
                wf.workflowName,
                wf.correlationId,
                TimeText.iso(t.scheduledTime),
                TimeText.iso(t.startTime),
                TimeText.iso(updateTime),
                TimeText.iso(t.endTime),
                String.valueOf(t.status),
                reason(t),
                t.endTime > 0 && t.startTime > 0 ? t.endTime - t.startTime : 0,
                t.startTime > 0 && t.scheduledTime > 0 ? t.startTime - t.scheduledTime : 0,
                taskDefName(t),
                t.conductorType(),
                input,
                output,
                t.taskId,
                null,
                null,
                0);
    }

    /** A task's logs as Conductor's TaskExecLog list, oldest first. */
    public static List<TaskExecLog> logs(TaskState t) {
        List<TaskExecLog> out = new ArrayList<>();
        if (t.logs != null) {
            for (TaskLog l : t.logs) {
                out.add(new TaskExecLog(l.log(), t.taskId, l.createdTime()));
            }
        }
        return out;
    }

    /** The definition name Conductor reports: the operator's type for switches, forks and joins. */
    static String taskDefName(TaskState t) {
        TaskKind kind = t.kind();
        boolean namedByType = kind.isSwitch() || kind.isFork() || kind.isJoin();
        return namedByType ? t.conductorType() : t.taskDefName;
    }

    /**
     * The task of the definition this execution runs: found by its reference name in the workflow's
     * definition, for a dynamically forked task in its fork's input; a DYNAMIC task under the name
     * of the task it resolved to. Without a definition, as Conductor does: just the name and reference.
     */
    static WorkflowTask workflowTask(WorkflowInstance wf, TaskState t, WorkflowContext ctx) {
        dev.baton.dsl.WorkflowTask declared = ctx.declared(t.defRef);
        if (declared == null) {
            declared = forkedDynamically(wf, t, ctx);
        }
        if (declared == null) {
            declared = new dev.baton.dsl.WorkflowTask(
                    t.taskDefName,
                    t.defRef != null ? t.defRef : t.referenceTaskName,
                    null,
                    t.taskType,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        if (t.kind() == TaskKind.DYNAMIC) {
            TaskDef resolved = ctx.lookup()
                    .task(t.taskDefName)
                    .map(DefinitionViews::taskDef)
                    .orElseGet(() -> DefinitionViews.defaultTaskDef(t.taskDefName, TaskKind.SIMPLE));
            return DefinitionViews.workflowTask(declared, t.taskDefName, resolved, ctx.lookup());
        }
        return DefinitionViews.workflowTask(declared, ctx.lookup());
    }

    /** A task a FORK_JOIN_DYNAMIC started: its WorkflowTask is in the fork's input, under dynamicForkTasksParam. */
    private static dev.baton.dsl.WorkflowTask forkedDynamically(WorkflowInstance wf, TaskState t, WorkflowContext ctx) {
        for (TaskState fork : wf.tasks) {
            if (fork.kind() != TaskKind.FORK_JOIN_DYNAMIC || fork.inputData == null) {
                continue;
            }
            dev.baton.dsl.WorkflowTask forkDef = ctx.declared(fork.defRef);
            String param = forkDef == null ? null : forkDef.dynamicForkTasksParam();
            JsonNode specs = param == null ? null : fork.inputData.get(param);
            if (specs == null || !specs.isArray()) {
                continue;
            }
            for (JsonNode spec : specs) {
                if (spec.isObject()
                        && t.referenceTaskName.equals(
                                spec.path("taskReferenceName").asText(null))) {
                    try {
                        return MAPPER.treeToValue(spec, dev.baton.dsl.WorkflowTask.class);
                    } catch (Exception e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    /**
     * A retried attempt's back-off, which Conductor shows as its startDelayInSeconds (and as its
     * callbackAfterSeconds until a worker takes it): kept on the task; for a task stored before it
     * was (schema 1), read from the pending retry timer while the attempt waits (whole seconds, at
     * least 1). 0 otherwise.
     */
    static long pendingRetryDelaySeconds(WorkflowInstance wf, TaskState t) {
        if (t.startDelayInSeconds > 0) {
            return t.startDelayInSeconds;
        }
        if (!t.awaitingDispatch || wf.timers == null) {
            return 0;
        }
        Long due = wf.timers.get(RETRY_TIMER_PREFIX + t.taskId);
        if (due == null || due <= t.scheduledTime) {
            return 0;
        }
        return Math.max(1, (due - t.scheduledTime + 999) / 1000);
    }

    /** As Conductor's Task model keeps it: at most 500 characters. */
    static String reason(TaskState t) {
        String r = t.reasonForIncompletion;
        return r == null || r.length() <= MAX_REASON ? r : r.substring(0, MAX_REASON);
    }

    private static final int MAX_REASON = 500;

    /** Baton keeps no separate update time per task: its latest change. */
    static long updateTime(TaskState t) {
        return Math.max(t.endTime, Math.max(t.startTime, t.scheduledTime));
    }

    /** Conductor's queue wait: from scheduling to the first poll, or past a callback delay, as Conductor computes it. */
    static long queueWaitTime(
            long scheduledTime, long startTime, long updateTime, long callbackAfterSeconds, long now) {
        if (startTime <= 0 || scheduledTime <= 0) {
            return 0;
        }
        if (updateTime > 0 && callbackAfterSeconds > 0) {
            return Math.max(0, now - (updateTime + callbackAfterSeconds * 1000));
        }
        return startTime - scheduledTime;
    }

    static ObjectNode orEmpty(ObjectNode n) {
        return n == null ? NODES.objectNode() : n;
    }
}
