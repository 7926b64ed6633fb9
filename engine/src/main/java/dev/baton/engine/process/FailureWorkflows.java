package dev.baton.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskKind;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.expr.ExpressionContext;
import dev.baton.engine.expr.ParameterResolver;
import dev.baton.engine.model.TaskState;

/**
 * Conductor's failureWorkflow: when a workflow fails or times out, the named workflow starts with
 * the failed one's input plus workflowId, reason, failureStatus, failureTaskId and failedWorkflow,
 * and the same correlationId; the failed workflow's output records the new id under
 * {@code conductor.failure_workflow}. The name may be {@code $workflow.input.<key>}.
 */
final class FailureWorkflows {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FailureWorkflows() {}

    static void start(Step s) {
        String name = name(s);
        if (name == null || name.isBlank()) {
            return;
        }
        if (s.definitions.workflow(name, null).isEmpty()) {
            // as Conductor: the failed workflow's output says why none started
            ObjectNode output = s.wf.output == null ? MAPPER.createObjectNode() : s.wf.output;
            output.put(
                    "conductor.failure_workflow",
                    "Error workflow " + name + " failed to start.  reason: No such workflow defined. name=" + name
                            + ", version=null");
            s.wf.output = output;
            return;
        }
        String id = s.newId("failure-workflow");
        ObjectNode input = s.wf.input == null ? MAPPER.createObjectNode() : s.wf.input.deepCopy();
        input.put("workflowId", s.wf.workflowId);
        input.put("reason", s.wf.reasonForIncompletion);
        input.put("failureStatus", s.wf.status.name());
        TaskState failedTask = lastFailedTask(s);
        if (failedTask != null) {
            input.put("failureTaskId", failedTask.taskId);
        }
        input.set("failedWorkflow", FailedWorkflowView.of(s.wf, failedTask));
        s.wf.failureWorkflowId = id;
        ObjectNode output = s.wf.output == null ? MAPPER.createObjectNode() : s.wf.output;
        output.put("conductor.failure_workflow", id);
        s.wf.output = output;
        s.effects.add(new Effect.StartWorkflow(
                id, name, null, null, input, s.wf.correlationId, null, null, s.wf.taskToDomain));
    }

    private static String name(Step s) {
        String configured = s.def.failureWorkflow();
        if (configured == null || configured.isBlank()) {
            return null;
        }
        if (configured.startsWith("$") && !configured.startsWith("${")) {
            JsonNode v = ParameterResolver.evaluate(configured.substring(1), ExpressionContext.of(s.wf));
            return v == null || v.isNull() ? null : v.asText();
        }
        JsonNode v = ParameterResolver.resolveValue(
                MAPPER.getNodeFactory().textNode(configured), ExpressionContext.of(s.wf));
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The task that made the workflow fail: the newest failed one, else a TERMINATE task that ended it. */
    private static TaskState lastFailedTask(Step s) {
        for (int i = s.wf.tasks.size() - 1; i >= 0; i--) {
            TaskState t = s.wf.tasks.get(i);
            if (t.status.isTerminal()
                    && !t.status.isSuccessful()
                    && t.status != dev.baton.engine.model.TaskStatus.CANCELED) {
                return t;
            }
        }
        for (int i = s.wf.tasks.size() - 1; i >= 0; i--) {
            if (s.wf.tasks.get(i).kind() == TaskKind.TERMINATE) {
                return s.wf.tasks.get(i);
            }
        }
        return null;
    }
}
