package dev.baton.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskKind;
import dev.baton.dsl.WorkflowTask;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;

/**
 * EVENT and KAFKA_PUBLISH: publish a record. EVENT's sink {@code kafka:<topic>} names a topic;
 * any other sink (Conductor's {@code conductor}, {@code conductor:<queue>}, ...) publishes to
 * {@code baton.event.<sink>} with Conductor's event name in the output. An EVENT record carries
 * that name in the header {@value #EVENT_HEADER}, which is what event handlers match on
 * ({@code conductor:<workflowName>:<taskRef>} for the sink {@code conductor},
 * {@code conductor:<workflowName>:<queue>} for {@code conductor:<queue>}, as in Conductor).
 */
final class Publications {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Header of an EVENT task's record: the Conductor event name it produced. */
    static final String EVENT_HEADER = "baton-event";

    private Publications() {}

    static void publish(Step s, WorkflowTask wt, TaskState t) {
        if (t.kind() == TaskKind.KAFKA_PUBLISH) {
            kafka(s, t);
        } else {
            event(s, wt, t);
        }
    }

    private static void event(Step s, WorkflowTask wt, TaskState t) {
        // the sink as resolved into the task's input (Conductor evaluates it as a parameter)
        JsonNode resolved = t.inputData == null ? null : t.inputData.get("sink");
        String given = resolved != null && resolved.isTextual() ? resolved.asText() : wt.sink();
        String sink = given == null || given.isBlank() ? "conductor" : given;
        String topic;
        String eventName;
        if (sink.startsWith("kafka:")) {
            topic = sink.substring("kafka:".length());
            eventName = sink;
        } else {
            eventName = "conductor".equals(sink)
                    ? "conductor:" + s.wf.workflowName + ":" + t.referenceTaskName
                    : sink.startsWith("conductor:")
                            ? "conductor:" + s.wf.workflowName + ":" + sink.substring("conductor:".length())
                            : sink;
            topic = "baton.event." + sink.replace(':', '.');
        }
        ObjectNode payload = t.inputData.deepCopy();
        payload.put("workflowInstanceId", s.wf.workflowId);
        payload.put("workflowType", s.wf.workflowName);
        payload.put("workflowVersion", s.wf.workflowVersion);
        payload.put("correlationId", s.wf.correlationId);
        // as Conductor: the workflow's taskToDomain travels with the event (a start_workflow handler passes it on)
        ObjectNode domains = payload.putObject("taskToDomain");
        if (s.wf.taskToDomain != null) {
            s.wf.taskToDomain.forEach(domains::put);
        }
        if (tooLarge(s, t, payload)) {
            return;
        }
        s.effects.add(new Effect.Publish(
                topic, s.wf.workflowId, payload, NODES.objectNode().put(EVENT_HEADER, eventName)));
        ObjectNode out = payload.deepCopy();
        out.put("event_produced", eventName);
        out.put("sink", sink);
        if (Boolean.TRUE.equals(wt.asyncComplete())) {
            t.outputData = out;
            SystemTasks.inProgress(s, t);
        } else {
            Decider.finishTask(s, t, TaskStatus.COMPLETED, out, null);
        }
    }

    /** A payload too large for one Kafka record fails the task (FAILED_WITH_TERMINAL_ERROR) instead of being sent. */
    private static boolean tooLarge(Step s, TaskState t, JsonNode payload) {
        long size = PayloadSizes.of(payload);
        if (size <= s.settings.payloads().record()) {
            return false;
        }
        Decider.finishTask(
                s,
                t,
                TaskStatus.FAILED_WITH_TERMINAL_ERROR,
                null,
                "The payload to publish is " + size
                        + " bytes, more than one Kafka record carries ("
                        + s.settings.payloads().record()
                        + " bytes, baton.limits.max-record-kb)");
        return true;
    }

    private static void kafka(Step s, TaskState t) {
        JsonNode request = t.inputData.get("kafka_request");
        String topic = request == null ? null : SystemTasks.text(request, "topic");
        if (topic == null || topic.isBlank()) {
            Decider.finishTask(
                    s, t, TaskStatus.FAILED_WITH_TERMINAL_ERROR, null, "KAFKA_PUBLISH needs kafka_request.topic");
            return;
        }
        JsonNode headers = request.get("headers");
        if (tooLarge(s, t, request.get("value"))) {
            return;
        }
        s.effects.add(new Effect.Publish(
                topic,
                SystemTasks.text(request, "key"),
                request.has("value") ? request.get("value").deepCopy() : NODES.nullNode(),
                headers != null && headers.isObject() ? (ObjectNode) headers.deepCopy() : NODES.objectNode()));
        Decider.finishTask(s, t, TaskStatus.COMPLETED, NODES.objectNode(), null);
    }
}
