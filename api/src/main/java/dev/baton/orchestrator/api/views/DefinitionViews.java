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
                null, null, null, null, null, null, null, null, null);
        return kind == TaskKind.SIMPLE
                ? taskDef(none, DEFAULT_RETRY_COUNT, DEFAULT_RESPONSE_TIMEOUT_SECONDS)
                : taskDef(none, 0, 0);
    }

    private static TaskDef taskDef(dev.baton.dsl.TaskDef d, int retryCountDefault, long responseTimeoutDefault) {
        Map<String, JsonNode> x = d.extra();
        return new TaskDef(
                text(x, "ownerApp"),
                number(x, "createTime"),
                number(x, "updateTime"),
                text(x, "createdBy"),
                text(x, "updatedBy"),
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
                text(x, "isolationGroupId"),
                text(x, "executionNameSpace"),
                d.ownerEmail(),
                d.pollTimeoutSeconds(),
                d.backoffScaleFactor() == null ? 1 : d.backoffScaleFactor(),
                text(x, "baseType"),
                bool(x, "enforceSchema", false),
                d.maxRetryDelaySeconds() == null ? 0 : d.maxRetryDelaySeconds(),
                d.commandTopic(),
                d.payloadFormat(),
                d.commandSchemaSubject(),
                d.backoffJitterMs() == null ? 0 : d.backoffJitterMs(),
                d.commandKey(),
                d.replyTopic(),
                d.totalTimeoutSeconds() == null ? 0 : d.totalTimeoutSeconds(),
                orEmptyList(x.get("runtimeMetadata")),
                bool(x, "taskStatusListenerEnabled", true),
                x.get("inputSchema"),
                x.get("outputSchema"));
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
        Map<String, JsonNode> x = d.extra();
        return new WorkflowDef(
                d.ownerApp() != null && d.ownerApp().isTextual() ? d.ownerApp().textValue() : null,
                number(x, "createTime"),
                number(x, "updateTime"),
                text(x, "createdBy"),
                text(x, "updatedBy"),
                d.name(),
                d.description(),
                d.versionOrDefault(),
                workflowTasks(d.tasks(), lookup),
                d.inputParameters(),
                orEmpty(d.outputParameters()),
                d.failureWorkflow(),
                d.schemaVersion() == null ? 2 : d.schemaVersion(),
                d.restartable() == null || d.restartable(),
                bool(x, "workflowStatusListenerEnabled", false),
                d.ownerEmail(),
                d.timeoutPolicy() == null ? "ALERT_ONLY" : d.timeoutPolicy(),
                d.timeoutSeconds() == null ? 0 : d.timeoutSeconds(),
                orEmpty(d.variables()),
                orEmpty(d.inputTemplate()),
                bool(x, "enforceSchema", true),
                x.get("failureWorkflowVersion") != null
                                && x.get("failureWorkflowVersion").canConvertToInt()
                        ? x.get("failureWorkflowVersion").intValue()
                        : null,
                text(x, "workflowStatusListenerSink"),
                rateLimitConfig(x.get("rateLimitConfig")),
                x.get("inputSchema"),
                x.get("outputSchema"),
                orEmpty(x.get("metadata")),
                cacheConfig(x.get("cacheConfig")),
                orEmptyList(x.get("maskedFields")),
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
                orEmpty(t.extra().get("onStateChange")),
                Boolean.TRUE.equals(t.permissive()),
                t.items(),
                t.compensation(),
                t.mode(),
                t.completeOn(),
                t.failOn(),
                t.expectedDurationSeconds(),
                orEmpty(t.extra().get("metadata")),
                cacheConfig(t.extra().get("cacheConfig")),
                t.extra().get("rateLimited") != null
                                && t.extra().get("rateLimited").isBoolean()
                        ? t.extra().get("rateLimited").booleanValue()
                        : null,
                text(t.extra(), "joinStatus"),
                text(t.extra(), "joinMode"),
                text(t.extra(), "scriptExpression"));
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

    private static JsonNode orEmptyList(JsonNode n) {
        return n != null && n.isArray() ? n : NODES.arrayNode();
    }

    private static String text(Map<String, JsonNode> extra, String field) {
        JsonNode n = extra.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    /** An audit time: 0 when the definition has none, as Conductor writes it. */
    private static long number(Map<String, JsonNode> extra, String field) {
        JsonNode n = extra.get(field);
        return n != null && n.canConvertToLong() ? n.longValue() : 0L;
    }

    private static boolean bool(Map<String, JsonNode> extra, String field, boolean otherwise) {
        JsonNode n = extra.get(field);
        return n != null && n.isBoolean() ? n.booleanValue() : otherwise;
    }

    /** Conductor's RateLimitConfig: its three fields, the policy QUEUE unless given. */
    private static JsonNode rateLimitConfig(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        ObjectNode out = NODES.objectNode();
        if (n.hasNonNull("rateLimitKey")) {
            out.put("rateLimitKey", n.get("rateLimitKey").asText());
        }
        out.put("concurrentExecLimit", n.path("concurrentExecLimit").asInt(0));
        out.put("policy", n.hasNonNull("policy") ? n.get("policy").asText() : "QUEUE");
        return out;
    }

    /** Conductor's CacheConfig: {@code key} and {@code ttlInSecond} (0 unless given). */
    private static JsonNode cacheConfig(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        ObjectNode out = NODES.objectNode();
        if (n.hasNonNull("key")) {
            out.put("key", n.get("key").asText());
        }
        out.put("ttlInSecond", n.path("ttlInSecond").asInt(0));
        return out;
    }
}
