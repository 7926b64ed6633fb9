package dev.baton.orchestrator.runtime;

import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.protocol.BatonHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds the headers of a task command record sent to a service topic. */
final class TaskCommands {
    private TaskCommands() {}

    /**
     * The command record's key: the workflow id, or the business key the task definition names
     * (its {@code commandKey} JSONPath into the task input), so that a service sees one entity's
     * commands in order on one partition.
     */
    static String key(WorkflowInstance wf, Effect.DispatchTask d) throws CommandPayloads.UndeliverableException {
        if (d.commandKey() == null) {
            return wf.workflowId;
        }
        Object value;
        try {
            value = com.jayway.jsonpath.JsonPath.using(KEY_PATHS)
                    .parse(
                            d.task().inputData == null
                                    ? "{}"
                                    : d.task().inputData.toString())
                    .read(d.commandKey());
        } catch (RuntimeException e) {
            value = null;
        }
        if (value == null || value instanceof java.util.Map || value instanceof java.util.List) {
            throw new CommandPayloads.UndeliverableException(
                    "commandKey " + d.commandKey() + " does not name a value in the task input"
                            + (value == null ? "" : " (it names an object or a list)"));
        }
        return String.valueOf(value);
    }

    private static final com.jayway.jsonpath.Configuration KEY_PATHS = com.jayway.jsonpath.Configuration.builder()
            .options(
                    com.jayway.jsonpath.Option.DEFAULT_PATH_LEAF_TO_NULL,
                    com.jayway.jsonpath.Option.SUPPRESS_EXCEPTIONS)
            .build();

    static Headers headers(WorkflowInstance wf, Effect.DispatchTask d, String replyTopic) {
        Headers h = new RecordHeaders();
        ProtocolHeaders.put(h, BatonHeaders.WORKFLOW_ID, wf.workflowId);
        ProtocolHeaders.put(h, BatonHeaders.TASK_ID, d.task().taskId);
        ProtocolHeaders.put(h, BatonHeaders.TASK_REF, d.task().referenceTaskName);
        // Worker tasks are typed by their name; system tasks served by a worker (HTTP) by their type.
        boolean workerTask = d.task().kind().isWorkerTask();
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

    /** One digest per thread: looking the algorithm up costs more than the digest of an id. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static byte[] md5(String s) {
        return MD5.get().digest(s.getBytes(StandardCharsets.UTF_8)); // digest() resets it
    }
}
