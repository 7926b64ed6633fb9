package dev.baton.engine.effect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.dispatch.TaskLimits;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowStatus;
import java.util.List;
import java.util.Map;

/** What the runtime must make happen after a transition. The engine performs none of it. */
public sealed interface Effect {

    /**
     * Send a task's command to the service topic: its input as JSON, or as Avro written with the
     * latest schema of {@code avroSubject} when that is not null. {@code domains}: the task domains
     * it may go to, in order of preference (empty: the default queue; the runtime picks the first
     * with an active worker, see {@link dev.baton.engine.dispatch.TaskDomains}). {@code limits}: the
     * definition's concurrency and rate limits, null when it has none (the runtime holds the command
     * back until they allow it to go).
     */
    record DispatchTask(
            String topic,
            TaskState task,
            String avroSubject,
            String commandKey,
            String replyTopic,
            List<String> domains,
            TaskLimits limits)
            implements Effect {
        public DispatchTask {
            domains = domains == null ? List.of() : List.copyOf(domains);
        }

        /** A dispatch with no domain and no limits. */
        public DispatchTask(String topic, TaskState task, String avroSubject, String commandKey, String replyTopic) {
            this(topic, task, avroSubject, commandKey, replyTopic, List.of(), null);
        }

        /** A dispatch keyed by workflow id, replied to on the shared reply topic. */
        public DispatchTask(String topic, TaskState task, String avroSubject) {
            this(topic, task, avroSubject, null, null);
        }
    }

    /**
     * A task dispatched under its definition's limits has ended (or left the instance): the slot it
     * held for {@code limitKey} (its task definition name) is free.
     */
    record ReleaseSlot(String limitKey, String taskId) implements Effect {}

    /** Append a history event; {@code seq} numbers the instance's events without gaps. */
    record HistoryEvent(
            long seq,
            long timestamp,
            EventType type,
            String taskId,
            String taskRef,
            String taskType,
            Integer attempt,
            String status,
            JsonNode payload,
            String reason)
            implements Effect {}

    /** Arm a timer that fires at {@code dueAt} (epoch millis). */
    record SetTimer(String timerId, long dueAt) implements Effect {}

    /** Disarm a timer set earlier. */
    record CancelTimer(String timerId, long dueAt) implements Effect {}

    /**
     * Start another workflow instance with the given id. {@code definition} is set for an inline
     * sub-workflow; otherwise {@code name}/{@code version} (null = latest) name a registered one.
     * When {@code parentTaskId} is set (SUB_WORKFLOW), the child reports its end to this workflow
     * with a {@code ChildFinished} input; START_WORKFLOW and failure workflows leave it null.
     */
    record StartWorkflow(
            String workflowId,
            String name,
            Integer version,
            WorkflowDef definition,
            ObjectNode input,
            String correlationId,
            String parentWorkflowId,
            String parentTaskId,
            Map<String, String> taskToDomain)
            implements Effect {
        public StartWorkflow {
            taskToDomain = taskToDomain == null || taskToDomain.isEmpty() ? null : Map.copyOf(taskToDomain);
        }

        /** A start with no task domains. */
        public StartWorkflow(
                String workflowId,
                String name,
                Integer version,
                WorkflowDef definition,
                ObjectNode input,
                String correlationId,
                String parentWorkflowId,
                String parentTaskId) {
            this(workflowId, name, version, definition, input, correlationId, parentWorkflowId, parentTaskId, null);
        }
    }

    /** Tell a parent workflow that this child reached a terminal status (becomes its ChildFinished input). */
    record NotifyParent(
            String parentWorkflowId,
            String parentTaskId,
            String childWorkflowId,
            WorkflowStatus status,
            ObjectNode output,
            String reason)
            implements Effect {}

    /** Terminate another workflow (a SUB_WORKFLOW child when its parent ends first). */
    record TerminateWorkflow(String workflowId, String reason) implements Effect {}

    /**
     * Retry another workflow: a SUB_WORKFLOW child, when its parent is retried with
     * resumeSubworkflowTasks (the flag goes down the hierarchy, so that the deepest failed
     * workflow is the one whose task runs again), or a failed sibling child of a parent that runs
     * again.
     */
    record RetryWorkflow(String workflowId, boolean resumeSubworkflowTasks) implements Effect {}

    /**
     * The step stopped at its budget with more to decide: the runtime applies
     * {@link dev.baton.engine.input.EngineInput.Continue} to this workflow again, after other work
     * waiting on the same partition.
     */
    record Continue() implements Effect {}

    /** Remove the instance from the stores, with its timers: it no longer exists (after a DELETE, or its retention). */
    record RemoveInstance() implements Effect {}

    /**
     * The bridge's correlation index: domain events keyed by {@code businessKey} (the instance's correlation id) now go
     * to this instance ({@code bound}), or no longer do (it is gone). Only for definitions that bind domain events.
     */
    record BusinessKeyBinding(String workflowName, String businessKey, boolean bound) implements Effect {}

    /** Publish a record (EVENT and KAFKA_PUBLISH tasks). */
    record Publish(String topic, String key, JsonNode value, ObjectNode headers) implements Effect {}
}
