package dev.baton.samples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.worker.TaskContext;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Test helper: task contexts without Kafka. */
final class Contexts {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Contexts() {}

    static TaskContext of(String taskType, String workflowId, String taskId, int attempt, String inputJson) {
        try {
            ObjectNode input = (ObjectNode) MAPPER.readTree(inputJson);
            return new TaskContext(
                    workflowId,
                    taskId,
                    taskType + "_ref",
                    taskType,
                    attempt,
                    null,
                    null,
                    "baton.replies",
                    input,
                    new RecordHeaders(),
                    taskType + ".commands",
                    0,
                    0L);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
