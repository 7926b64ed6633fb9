package dev.baton.orchestrator.api.views;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskKind;
import dev.baton.orchestrator.api.model.TaskDef;
import dev.baton.orchestrator.api.model.WorkflowDef;
import dev.baton.orchestrator.api.model.WorkflowTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Baton's definitions ({@code dev.baton.dsl}) as Conductor answers them: every field Conductor
 * writes, with Conductor's default where the document left a field out.
 */
public final class DefinitionViews {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Conductor's defaults for a task definition. */
    private static final int DEFAULT_RETRY_COUNT = 3;

    private static final int DEFAULT_RETRY_DELAY_SECONDS = 60;
    private static final long DEFAULT_RESPONSE_TIMEOUT_SECONDS = 3600;
    private static final int DEFAULT_RATE_LIMIT_FREQUENCY_SECONDS = 1;

    private DefinitionViews() {}

    /** A registered (or inline) task definition. */
    public static TaskDef taskDef(dev.baton.dsl.TaskDef d) {
        return taskDef(d, DEFAULT_RETRY_COUNT, DEFAULT_RESPONSE_TIMEOUT_SECONDS);
    }

    /**
     * The definition Conductor attaches to a task that has none registered: the defaults for a
     * worker task (SIMPLE), and for a system task no retries and no response timeout.
     */
    public static TaskDef defaultTaskDef(String name, TaskKind kind) {
        dev.baton.dsl.TaskDef none = new dev.baton.dsl.TaskDef(
                name, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
        return kind == TaskKind.SIMPLE
                ? taskDef(none, DEFAULT_RETRY_COUNT, DEFAULT_RESPONSE_TIMEOUT_SECONDS)
                : taskDef(none, 0, 0);
    }

    private static TaskDef taskDef(dev.baton.dsl.TaskDef d, int retryCountDefault, long responseTimeoutDefault) {
        return new TaskDef(
                null,
                null,
                null,
                null,
                null,
                d.name(),
                d.description(),
                d.retryCount() == null ? retryCountDefault : d.retryCount(),
                d.timeoutSeconds() == null ? 0 : d.timeoutSeconds(),
                d.inputKeys() == null ? List.of() : d.inputKeys(),
                d.outputKeys() == null ? List.of() : d.outputKeys(),
                d.timeoutPolicy() == null ? "TIME_OUT_WF" : d.timeoutPolicy(),
                d.retryLogic() == null ? "FIXED" : d.retryLogic(),
                d.retryDelaySeconds() == null ? DEFAULT_RETRY_DELAY_SECONDS : d.retryDelaySeconds(),
                d.responseTimeoutSeconds() == null ? responseTimeoutDefault : d.responseTimeoutSeconds(),
                d.concurrentExecLimit(),
                d.inputTemplate() == null ? NODES.objectNode() : d.inputTemplate(),
                d.rateLimitPerFrequency() == null ? 0 : d.rateLimitPerFrequency(),
                d.rateLimitFrequencyInSeconds() == null
                        ? DEFAULT_RATE_LIMIT_FREQUENCY_SECONDS
                        : d.rateLimitFrequencyInSeconds(),
                null,
                null,
                d.ownerEmail(),
                d.pollTimeoutSeconds(),
                d.backoffScaleFactor() == null ? 1 : d.backoffScaleFactor(),
                null,
                false,
                d.maxRetryDelaySeconds(),
                d.commandTopic(),
                d.payloadFormat(),
                d.commandSchemaSubject(),
                d.backoffJitterMs() == null || d.backoffJitterMs() == 0 ? null : d.backoffJitterMs(),
                d.commandKey(),
                d.replyTopic(),
                d.totalTimeoutSeconds() == null || d.totalTimeoutSeconds() == 0 ? null : d.totalTimeoutSeconds());
    }

    /** A workflow definition as registered: tasks without task definitions (unless given inline). */
    public static WorkflowDef workflowDef(dev.baton.dsl.WorkflowDef d) {
        return workflowDef(d, null);
    }

    /**
     * A workflow definition; with a lookup, each task carries its task definition (the registered
     * one, else Conductor's defaults), as Conductor shows the definition a workflow runs.
     */
    public static WorkflowDef workflowDef(dev.baton.dsl.WorkflowDef d, DefinitionLookup lookup) {
        return new WorkflowDef(
                d.ownerApp() != null && d.ownerApp().isTextual() ? d.ownerApp().textValue() : null,
                null,
                null,
                null,
                null,
                d.name(),
                d.description(),
                d.versionOrDefault(),
                workflowTasks(d.tasks(), lookup),
                d.inputParameters(),
                orEmpty(d.outputParameters()),
                d.failureWorkflow(),
                d.schemaVersion() == null ? 2 : d.schemaVersion(),
                d.restartable() == null || d.restartable(),
                false,
                d.ownerEmail(),
                d.timeoutPolicy() == null ? "ALERT_ONLY" : d.timeoutPolicy(),
                d.timeoutSeconds() == null ? 0 : d.timeoutSeconds(),
                orEmpty(d.variables()),
                orEmpty(d.inputTemplate()),
                true,
                d.eventSources());
    }

    /** The tasks of a list (a definition's, a branch's, a case's, a loop's). */
    static List<WorkflowTask> workflowTasks(List<dev.baton.dsl.WorkflowTask> tasks, DefinitionLookup lookup) {
        List<WorkflowTask> out = new ArrayList<>();
        if (tasks != null) {
            tasks.forEach(t -> out.add(workflowTask(t, lookup)));
        }
        return out;
    }

    /** One task of a definition; with a lookup, with its task definition. */
    public static WorkflowTask workflowTask(dev.baton.dsl.WorkflowTask t, DefinitionLookup lookup) {
        return workflowTask(
                t, t.name(), lookup == null ? taskDefinitionGiven(t) : taskDefinition(t, t.name(), lookup), lookup);
    }

    /**
     * One task of a definition under another name and definition: a DYNAMIC task as Conductor shows
     * it once resolved (the name of the task it became).
     */
    static WorkflowTask workflowTask(
            dev.baton.dsl.WorkflowTask t, String name, TaskDef taskDefinition, DefinitionLookup lookup) {
        Map<String, List<WorkflowTask>> cases = new LinkedHashMap<>();
        if (t.decisionCases() != null) {
            t.decisionCases().forEach((k, v) -> cases.put(k, workflowTasks(v, lookup)));
        }
        List<List<WorkflowTask>> forks = new ArrayList<>();
        if (t.forkTasks() != null) {
            t.forkTasks().forEach(branch -> forks.add(workflowTasks(branch, lookup)));
        }
        return new WorkflowTask(
                name,
                t.taskReferenceName(),
                t.description(),
                orEmpty(t.inputParameters()),
                t.typeOrDefault(),
                t.dynamicTaskNameParam(),
                t.caseValueParam(),
                t.caseExpression(),
                cases,
                t.dynamicForkTasksParam(),
                t.dynamicForkTasksInputParamName(),
                workflowTasks(t.defaultCase(), lookup),
                forks,
                t.startDelay() == null ? 0 : t.startDelay(),
                t.subWorkflowParam(),
                t.joinOn() == null ? List.of() : t.joinOn(),
                t.sink(),
                t.isOptional(),
                taskDefinition,
                t.defaultExclusiveJoinTask() == null ? List.of() : t.defaultExclusiveJoinTask(),
                t.asyncComplete() == null ? Boolean.FALSE : t.asyncComplete(),
                t.loopCondition(),
                workflowTasks(t.loopOver(), lookup),
                t.retryCount(),
                t.evaluatorType(),
                t.expression(),
                NODES.objectNode(),
                Boolean.TRUE.equals(t.permissive()),
                t.items(),
                t.compensation(),
                t.mode(),
                t.completeOn(),
                t.failOn(),
                t.expectedDurationSeconds());
    }

    /** The definition of a task of a running workflow: given inline, else registered, else Conductor's defaults. */
    static TaskDef taskDefinition(dev.baton.dsl.WorkflowTask t, String name, DefinitionLookup lookup) {
        TaskDef given = taskDefinitionGiven(t);
        if (given != null) {
            return given;
        }
        return lookup.task(name).map(DefinitionViews::taskDef).orElseGet(() -> defaultTaskDef(name, t.kind()));
    }

    private static TaskDef taskDefinitionGiven(dev.baton.dsl.WorkflowTask t) {
        return t.taskDefinition() == null ? null : taskDef(t.taskDefinition());
    }

    static ObjectNode orEmpty(JsonNode n) {
        return n instanceof ObjectNode o ? o : NODES.objectNode();
    }
}
