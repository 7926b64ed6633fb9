package dev.baton.orchestrator.gateway;

import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.protocol.BatonHeaders;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whom a reply is about and where it goes: the correlation headers to send (copied from the
 * command, as a service would, or rebuilt from the instance's task) and the reply topic.
 */
record ReplyTarget(String workflowId, String taskId, String replyTo, Map<String, String> headers) {

    /** From the command handed out: every {@code baton-*} header and the trace context, copied back. */
    static ReplyTarget of(CommandRecord c, String defaultReplyTopic) {
        Map<String, String> h = new LinkedHashMap<>();
        c.headers().forEach((k, v) -> {
            if ((k.startsWith(BatonHeaders.PREFIX) && !k.equals(BatonHeaders.REPLY_TO))
                    || k.equals(BatonHeaders.TRACEPARENT)
                    || k.equals(BatonHeaders.TRACESTATE)) {
                h.put(k, v);
            }
        });
        h.put(BatonHeaders.WORKFLOW_ID, c.workflowId());
        String replyTo = c.header(BatonHeaders.REPLY_TO);
        return new ReplyTarget(
                c.workflowId(), c.taskId(), replyTo != null ? replyTo : defaultReplyTopic, Map.copyOf(h));
    }

    /** From the instance, for a task this node did not hand out. */
    static ReplyTarget of(WorkflowInstance wf, TaskState t, String replyTopic) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(BatonHeaders.WORKFLOW_ID, wf.workflowId);
        h.put(BatonHeaders.TASK_ID, t.taskId);
        h.put(BatonHeaders.TASK_REF, t.referenceTaskName);
        h.put(BatonHeaders.TASK_TYPE, t.conductorType());
        h.put(BatonHeaders.ATTEMPT, Integer.toString(t.attempt()));
        if (wf.correlationId != null) {
            h.put(BatonHeaders.CORRELATION_ID, wf.correlationId);
        }
        return new ReplyTarget(wf.workflowId, t.taskId, replyTopic, Map.copyOf(h));
    }
}
