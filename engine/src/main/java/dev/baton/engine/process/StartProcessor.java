package dev.baton.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import java.util.Iterator;
import java.util.Map;

/** Creates a new instance and schedules its first task. */
final class StartProcessor {
    private StartProcessor() {}

    static WorkflowInstance create(EngineInput.Start start, long now) {
        WorkflowInstance wf = new WorkflowInstance();
        wf.workflowId = start.workflowId();
        wf.workflowName = start.definition().name();
        wf.workflowVersion = start.definition().versionOrDefault();
        wf.status = WorkflowStatus.RUNNING;
        wf.correlationId = start.correlationId();
        wf.parentWorkflowId = start.parentWorkflowId();
        wf.parentTaskId = start.parentTaskId();
        wf.taskToDomain = start.taskToDomain() == null || start.taskToDomain().isEmpty()
                ? null
                : new java.util.TreeMap<>(start.taskToDomain());
        wf.startTime = now;
        wf.input = withDefaults(start.input(), start.definition().inputTemplate());
        wf.variables = start.definition().variables() == null
                ? JsonNodeFactory.instance.objectNode()
                : start.definition().variables().deepCopy();
        return wf;
    }

    static void process(Step s) {
        s.event(EventType.WORKFLOW_STARTED, null, s.wf.input, null);
    }

    /**
     * As in Conductor: the inputTemplate fills keys that are missing or null, but only when the
     * start input is not empty — a workflow started with {@code {}} gets no template values.
     */
    private static ObjectNode withDefaults(ObjectNode input, ObjectNode template) {
        ObjectNode out = input == null ? JsonNodeFactory.instance.objectNode() : input.deepCopy();
        if (template != null && !out.isEmpty()) {
            Iterator<Map.Entry<String, JsonNode>> it = template.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!out.hasNonNull(e.getKey())) {
                    out.set(e.getKey(), e.getValue().deepCopy());
                }
            }
        }
        return out;
    }
}
