package dev.baton.engine;

/**
 * The largest payloads the engine accepts (Conductor's hard barriers, in bytes of JSON), and the
 * largest payload it hands to one Kafka record (a child workflow's input, an EVENT or KAFKA_PUBLISH
 * payload). Beyond a hard barrier the task fails with FAILED_WITH_TERMINAL_ERROR, or the workflow
 * fails, with Conductor's wording of the reason.
 */
public record PayloadLimits(long workflowInput, long workflowOutput, long taskInput, long taskOutput, long record) {

    /** Conductor's wording of a task whose payload is beyond its limit. */
    public static String taskTooLarge(long size, String taskId, String workflowId, long limit) {
        return String.format(
                "The payload size: %d of task: %s in workflow: %s  is greater than the permissible limit: %d bytes",
                size, taskId, workflowId, limit);
    }

    /** Conductor's wording of a workflow whose payload is beyond its limit. */
    public static String workflowTooLarge(long size, String workflowId, long limit) {
        return String.format(
                "The payload size: %d of workflow: %s is greater than the permissible limit: %d bytes",
                size, workflowId, limit);
    }

    /** Conductor's defaults: 10 MiB for each; one record 900 KiB (under Kafka's default 1 MiB request). */
    public static PayloadLimits defaults() {
        long tenMiB = 10L * 1024 * 1024;
        return new PayloadLimits(tenMiB, tenMiB, tenMiB, tenMiB, 900L * 1024);
    }
}
