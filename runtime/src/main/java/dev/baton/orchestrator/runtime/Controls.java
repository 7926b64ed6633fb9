package dev.baton.orchestrator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.dsl.DefinitionParser;
import dev.baton.engine.effect.Effect;
import dev.baton.protocol.ControlType;
import dev.baton.protocol.WorkflowControl;
import dev.baton.protocol.WorkflowStatus;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Engine effects that reach other workflows or topics, as records: child starts, a child's end
 * reported to its parent and terminations go to the commands topic; publications go to theirs.
 * Ids are derived from the effect, so replaying a step writes the same commands.
 */
final class Controls {
    private Controls() {}

    static WorkflowControl start(Effect.StartWorkflow sw, long now) {
        return WorkflowControl.newBuilder()
                .setCommandId("start:" + sw.workflowId())
                .setWorkflowId(sw.workflowId())
                .setType(ControlType.START)
                .setWorkflowName(sw.name())
                .setWorkflowVersion(sw.version())
                .setInput(sw.input() == null ? null : sw.input().toString())
                .setCorrelationId(sw.correlationId())
                .setParentWorkflowId(sw.parentWorkflowId())
                .setParentTaskId(sw.parentTaskId())
                .setDefinition(sw.definition() == null ? null : DefinitionParser.toJson(sw.definition()))
                .setTaskToDomain(sw.taskToDomain())
                .setRequestedBy("baton")
                .setTimestamp(now)
                .build();
    }

    /** A step stopped at its budget: the workflow goes on when this command comes back (after other waiting work). */
    static WorkflowControl continuation(String workflowId, long seq, long now) {
        return WorkflowControl.newBuilder()
                .setCommandId("continue:" + workflowId + ":" + seq)
                .setWorkflowId(workflowId)
                .setType(ControlType.CONTINUE)
                .setRequestedBy("baton")
                .setTimestamp(now)
                .build();
    }

    static WorkflowControl childFinished(Effect.NotifyParent np, long now) {
        return WorkflowControl.newBuilder()
                .setCommandId("child-finished:" + np.childWorkflowId())
                .setWorkflowId(np.parentWorkflowId())
                .setType(ControlType.CHILD_FINISHED)
                .setTaskId(np.parentTaskId())
                .setChildWorkflowId(np.childWorkflowId())
                .setChildStatus(WorkflowStatus.valueOf(np.status().name()))
                .setTaskOutput(np.output() == null ? null : np.output().toString())
                .setReason(np.reason())
                .setRequestedBy("baton")
                .setTimestamp(now)
                .build();
    }

    static WorkflowControl terminate(Effect.TerminateWorkflow tw, long now) {
        return WorkflowControl.newBuilder()
                .setCommandId("terminate:" + tw.workflowId())
                .setWorkflowId(tw.workflowId())
                .setType(ControlType.TERMINATE)
                .setReason(tw.reason())
                .setRequestedBy("baton")
                .setTimestamp(now)
                .build();
    }

    static WorkflowControl retry(Effect.RetryWorkflow rw, long now) {
        return WorkflowControl.newBuilder()
                .setCommandId("retry:" + rw.workflowId() + ":" + now)
                .setWorkflowId(rw.workflowId())
                .setType(ControlType.RETRY)
                .setResumeSubworkflowTasks(rw.resumeSubworkflowTasks())
                .setRequestedBy("baton")
                .setTimestamp(now)
                .build();
    }

    /** An EVENT or KAFKA_PUBLISH record: JSON value (a text value as it is), headers as given. */
    static Record<String, Routed> publication(Effect.Publish p, long now) {
        JsonNode value = p.value();
        byte[] bytes = value == null || value.isNull()
                ? null
                : (value.isTextual() ? value.asText() : value.toString()).getBytes(StandardCharsets.UTF_8);
        Headers headers = new RecordHeaders();
        if (p.headers() != null) {
            Iterator<Map.Entry<String, JsonNode>> it = p.headers().fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> h = it.next();
                headers.add(h.getKey(), h.getValue().asText().getBytes(StandardCharsets.UTF_8));
            }
        }
        return new Record<>(p.key(), new Routed(p.topic(), bytes), now, headers);
    }
}
