package dev.baton.orchestrator.runtime;

import dev.baton.worker.BatonHeaders;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.WorkflowInstance;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds the headers of a task command record sent to a service topic. */
final class TaskCommands {
    private TaskCommands() {
    }

    static Headers headers(WorkflowInstance wf, Effect.DispatchTask d, String replyTopic) {
        Headers h = new RecordHeaders();
        ProtocolHeaders.put(h, BatonHeaders.WORKFLOW_ID, wf.workflowId);
        ProtocolHeaders.put(h, BatonHeaders.TASK_ID, d.task().taskId);
        ProtocolHeaders.put(h, BatonHeaders.TASK_REF, d.task().referenceTaskName);
        // Worker tasks are typed by their name; system tasks served by a worker (HTTP) by their type.
        boolean workerTask = "SIMPLE".equals(d.task().taskType) || "DYNAMIC".equals(d.task().taskType);
        ProtocolHeaders.put(h, BatonHeaders.TASK_TYPE, workerTask ? d.task().taskDefName : d.task().taskType);
        ProtocolHeaders.put(h, BatonHeaders.ATTEMPT, Integer.toString(d.task().attempt()));
        ProtocolHeaders.put(h, BatonHeaders.REPLY_TO, replyTopic);
        ProtocolHeaders.put(h, BatonHeaders.CORRELATION_ID, wf.correlationId);
        ProtocolHeaders.put(h, BatonHeaders.TRACEPARENT, traceparent(wf.workflowId, d.task().taskId));
        return h;
    }

    /** A W3C traceparent: one trace per workflow instance, one span per task attempt. */
    static String traceparent(String workflowId, String taskId) {
        String trace = HexFormat.of().formatHex(md5(workflowId));
        String span = HexFormat.of().formatHex(md5(taskId)).substring(0, 16);
        return "00-" + trace + "-" + span + "-01";
    }

    private static byte[] md5(String s) {
        try {
            return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
