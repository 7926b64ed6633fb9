package dev.baton.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskKind;
import dev.baton.dsl.WorkflowDef;
import dev.baton.dsl.WorkflowTask;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.expr.ParameterResolver;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SUB_WORKFLOW starts a child and waits for it to end (its input: the task's input; its output:
 * the child's output plus subWorkflowId). START_WORKFLOW starts one and moves on at once.
 */
final class Children {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Children() {}

    static void start(Step s, WorkflowTask wt, TaskState t) {
        if (t.kind() == TaskKind.START_WORKFLOW) {
            startWorkflow(s, t);
            return;
        }
        JsonNode param = wt.subWorkflowParam();
        // name and version may be expressions; an inline definition keeps its own expressions for the child
        JsonNode nameNode = param == null ? null : resolve(s, param.get("name"));
        JsonNode versionNode = param == null ? null : resolve(s, param.get("version"));
        String name = nameNode == null || nameNode.isNull() ? null : nameNode.asText();
        Integer version = versionNode == null || versionNode.isNull() ? null : versionNode.asInt();
        WorkflowDef inline = null;
        JsonNode inlineNode = param == null ? null : param.get("workflowDefinition");
        if (inlineNode != null && inlineNode.isObject()) {
            try {
                inline = MAPPER.treeToValue(inlineNode, WorkflowDef.class);
            } catch (Exception e) {
                Decider.finishTask(
                        s,
                        t,
                        TaskStatus.FAILED_WITH_TERMINAL_ERROR,
                        null,
                        "SUB_WORKFLOW inline workflowDefinition is invalid: " + e.getMessage());
                return;
            }
            if (name == null) {
                name = inline.name();
            }
        }
        if (name == null || name.isBlank()) {
            Decider.finishTask(
                    s, t, TaskStatus.FAILED_WITH_TERMINAL_ERROR, null, "SUB_WORKFLOW needs subWorkflowParam.name");
            return;
        }
        if (inline == null
                && version != null
                && s.definitions.workflow(name, version).isEmpty()) {
            // as in Conductor: the task fails (retried as its definition says), the workflow with it
            Decider.finishTask(
                    s, t, TaskStatus.FAILED, null, "No such workflow defined. name=" + name + ", version=" + version);
            TaskResultProcessor.afterFailure(s, t);
            return;
        }
        ObjectNode childInput = childInput(t.inputData);
        long size = PayloadSizes.of(childInput);
        if (size > s.settings.payloads().record()) {
            Decider.finishTask(s, t, TaskStatus.FAILED_WITH_TERMINAL_ERROR, null, tooLargeForChild(size, s));
            return;
        }
        String childId = s.newId("workflow");
        t.subWorkflowId = childId;
        ObjectNode out = MAPPER.createObjectNode().put("subWorkflowId", childId);
        t.outputData = out;
        t.inputData = described(s, param, name, version, inline == null ? null : inlineNode, childInput);
        SystemTasks.inProgress(s, t);
        s.effects.add(new Effect.StartWorkflow(
                childId,
                name,
                version,
                inline,
                childInput.deepCopy(),
                s.wf.correlationId,
                s.wf.workflowId,
                t.taskId,
                taskToDomain(s, param == null ? null : resolve(s, param.get("taskToDomain")), true)));
    }

    /**
     * The task's input as Conductor's SUB_WORKFLOW mapper writes it: what the child is started with (name, version —
     * the latest one when none is given —, domains, inline definition, priority, idempotency) and, under {@code
     * workflowInput}, the task's own input, which is the child's input.
     */
    private static ObjectNode described(
            Step s, JsonNode param, String name, Integer version, JsonNode inline, ObjectNode workflowInput) {
        ObjectNode in = MAPPER.createObjectNode();
        in.put("subWorkflowName", name);
        in.set("priority", orNull(param == null ? null : resolve(s, param.get("priority"))));
        Integer v = inline != null
                ? null
                : version != null
                        ? version
                        : s.definitions
                                .workflow(name, null)
                                .map(WorkflowDef::versionOrDefault)
                                .orElse(null);
        if (v == null) {
            in.putNull("subWorkflowVersion");
        } else {
            in.put("subWorkflowVersion", v);
        }
        JsonNode domains = param == null ? null : resolve(s, param.get("taskToDomain"));
        in.set("subWorkflowTaskToDomain", domains != null && domains.isObject() ? domains : null);
        in.set("subWorkflowDefinition", inline == null ? null : inline.deepCopy());
        in.set("idempotencyKey", orNull(param == null ? null : resolve(s, param.get("idempotencyKey"))));
        in.set("idempotencyStrategy", orNull(param == null ? null : param.get("idempotencyStrategy")));
        in.set("workflowInput", workflowInput);
        return in;
    }

    /** The child's input: the task's input, or, for a task started before (scheduled again), its workflowInput. */
    private static ObjectNode childInput(ObjectNode input) {
        if (input != null && input.has("subWorkflowName") && input.get("workflowInput") instanceof ObjectNode given) {
            return given;
        }
        return input == null ? MAPPER.createObjectNode() : input;
    }

    private static JsonNode orNull(JsonNode value) {
        return value == null || value.isMissingNode() ? NullNode.getInstance() : value;
    }

    /**
     * Conductor's reason when a SUB_WORKFLOW cannot even be scheduled (its mapper fails the
     * workflow): no subWorkflowParam, or no version given and no definition of that name. Null when
     * it can be scheduled (an inline definition, or a version, whose absence fails the task instead).
     */
    static String missingDefinition(Step s, WorkflowTask wt) {
        JsonNode param = wt.subWorkflowParam();
        if (param == null || param.isNull()) {
            return "Task " + wt.name() + " is defined as sub-workflow and is missing subWorkflowParams. Please check"
                    + " the workflow definition";
        }
        JsonNode inline = param.get("workflowDefinition");
        JsonNode nameNode = resolve(s, param.get("name"));
        JsonNode versionNode = resolve(s, param.get("version"));
        if (inline != null && !inline.isNull()
                || nameNode == null
                || nameNode.isNull()
                || nameNode.asText().isBlank()
                || versionNode != null && !versionNode.isNull()) {
            return null;
        }
        String name = nameNode.asText();
        return s.definitions.workflow(name, null).isPresent()
                ? null
                : "The Task " + name + " defined as a sub-workflow has no workflow definition available ";
    }

    private static String tooLargeForChild(long size, Step s) {
        return "The input of the child workflow is " + size + " bytes, more than one start command carries ("
                + s.settings.payloads().record() + " bytes, baton.limits.max-record-kb)";
    }

    /**
     * The child's taskToDomain, as in Conductor: the map the task gives (a SUB_WORKFLOW's
     * subWorkflowParam, even an empty one; a START_WORKFLOW request, when not empty), else the parent's.
     */
    private static Map<String, String> taskToDomain(Step s, JsonNode given, boolean emptyCounts) {
        if (given != null && given.isObject() && (emptyCounts || !given.isEmpty())) {
            Map<String, String> out = new LinkedHashMap<>();
            given.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    out.put(e.getKey(), e.getValue().asText());
                }
            });
            return out;
        }
        return s.wf.taskToDomain;
    }

    private static JsonNode resolve(Step s, JsonNode value) {
        return value == null ? null : ParameterResolver.resolveValue(value, s.context(value));
    }

    private static void startWorkflow(Step s, TaskState t) {
        JsonNode request = t.inputData.get("startWorkflow");
        if (request == null || request.isNull()) {
            Decider.finishTask(s, t, TaskStatus.FAILED, null, "Missing 'startWorkflow' in input data.");
            return;
        }
        String name = !request.isObject() ? null : SystemTasks.text(request, "name");
        if (name == null) {
            Decider.finishTask(
                    s,
                    t,
                    TaskStatus.FAILED,
                    null,
                    "startWorkflow validation failed. 'name' -> Workflow name cannot be null or empty. ");
            return;
        }
        JsonNode versionNode = request.get("version");
        if (request.path("workflowDef").isMissingNode()
                && !s.definitions
                        .workflow(
                                name,
                                versionNode == null || !versionNode.canConvertToInt() ? null : versionNode.asInt())
                        .isPresent()) {
            // as Conductor, whose start fails the task
            Decider.finishTask(
                    s,
                    t,
                    TaskStatus.FAILED,
                    null,
                    "No such workflow defined. name=" + name + ", version="
                            + (versionNode == null || versionNode.isNull() ? "null" : versionNode.asText()));
            return;
        }
        JsonNode input = request.get("input");
        String correlationId = SystemTasks.text(request, "correlationId");
        WorkflowDef inline = null;
        JsonNode inlineNode = request.get("workflowDef");
        if (inlineNode != null && inlineNode.isObject()) {
            try {
                inline = MAPPER.treeToValue(inlineNode, WorkflowDef.class);
            } catch (Exception e) {
                Decider.finishTask(
                        s, t, TaskStatus.FAILED, null, "START_WORKFLOW workflowDef is invalid: " + e.getMessage());
                return;
            }
        }
        long size = PayloadSizes.of(input);
        if (size > s.settings.payloads().record()) {
            Decider.finishTask(s, t, TaskStatus.FAILED_WITH_TERMINAL_ERROR, null, tooLargeForChild(size, s));
            return;
        }
        String childId = s.newId("workflow");
        t.subWorkflowId = childId;
        s.effects.add(new Effect.StartWorkflow(
                childId,
                name,
                versionNode == null || versionNode.isNull() ? null : versionNode.asInt(),
                inline,
                input != null && input.isObject() ? (ObjectNode) input.deepCopy() : MAPPER.createObjectNode(),
                correlationId != null ? correlationId : s.wf.correlationId,
                null,
                null,
                taskToDomain(s, request.get("taskToDomain"), false)));
        Decider.finishTask(s, t, TaskStatus.COMPLETED, MAPPER.createObjectNode().put("workflowId", childId), null);
    }
}
