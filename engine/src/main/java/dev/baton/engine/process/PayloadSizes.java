package dev.baton.engine.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Sizes of payloads as JSON, and Conductor's wording when one is beyond its limit. */
final class PayloadSizes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PayloadSizes() {}

    static long of(JsonNode node) {
        if (node == null) {
            return 0;
        }
        try {
            return JSON.writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            return Long.MAX_VALUE;
        }
    }

    static String taskTooLarge(long size, String taskId, String workflowId, long limit) {
        return dev.baton.engine.PayloadLimits.taskTooLarge(size, taskId, workflowId, limit);
    }

    static String workflowTooLarge(long size, String workflowId, long limit) {
        return dev.baton.engine.PayloadLimits.workflowTooLarge(size, workflowId, limit);
    }
}
