package dev.baton.state;

import java.util.List;

/**
 * One record of each state type with every field set to a value other than its default, so that a
 * field that a later schema no longer reads shows up as a difference, never as a silent default.
 * Written once per schema version to {@code src/test/resources/state-golden/<Type>.<version>.bin}
 * (run {@link StateGoldenFilesTest} with {@code -Dbaton.golden.write=true} after adding a version).
 */
final class GoldenSamples {
    private GoldenSamples() {}

    static PayloadRef ref(String id) {
        return new PayloadRef(id, 123_456L, 4);
    }

    static WorkflowRecord workflow() {
        return WorkflowRecord.newBuilder()
                .setWorkflowId("wf-golden")
                .setWorkflowName("golden")
                .setWorkflowVersion(3)
                .setStatus("PAUSED")
                .setCorrelationId("corr-1")
                .setInput("{\"a\":1}")
                .setOutput(ref("out-payload"))
                .setVariables("{\"v\":true}")
                .setReasonForIncompletion("because")
                .setStartTime(1_700_000_000_000L)
                .setUpdateTime(1_700_000_000_500L)
                .setEndTime(1_700_000_000_900L)
                .setSeq(42)
                .setIdCounter(17)
                .setParentWorkflowId("parent-1")
                .setParentTaskId("parent-task-1")
                .setLastRetriedTime(1_700_000_000_100L)
                .setCompensationReason("compensating")
                .setCompensationQueue(List.of("t-1", "t-2"))
                .setDefinition("{\"name\":\"golden\",\"version\":3,\"tasks\":[]}")
                .setFailureWorkflowId("failure-1")
                .setPendingEvents(List.of(new PendingEventRecord(
                        "e-1", "source", "step", "COMPLETED", "{\"p\":1}", "why", 1_700_000_000_200L)))
                .setTimers(List.of(new TimerRecord("retry/t-1", 1_700_000_001_000L)))
                .setTaskCount(2)
                .setWrites(9)
                .setTaskToDomain(java.util.Map.of("*", "d1,NO_DOMAIN", "step_def", "d2"))
                .setLimitedTasks(java.util.Map.of("t-3", "step_def"))
                .setInlineTasks(java.util.List.of(encodedTask()))
                .build();
    }

    private static java.nio.ByteBuffer encodedTask() {
        try {
            java.nio.ByteBuffer b = StateSchemas.encoder(TaskRecord.class).encode(task());
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            return java.nio.ByteBuffer.wrap(copy);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static TaskRecord task() {
        return TaskRecord.newBuilder()
                .setTaskId("t-1")
                .setPos(1)
                .setWritten(8)
                .setReferenceTaskName("step__2")
                .setTaskDefName("step_def")
                .setTaskType("SIMPLE")
                .setStatus("FAILED")
                .setRetryCount(2)
                .setDefIndex(4)
                .setDefRef("step")
                .setIteration(2)
                .setSeq(7)
                .setRetriedTaskId("t-0")
                .setCallbackAfterSeconds(30)
                .setPollCount(5)
                .setSubWorkflowId("child-1")
                .setCompensationOf("t-9")
                .setExecuted(true)
                .setInputData("{\"in\":1}")
                .setOutputData(ref("task-output"))
                .setReasonForIncompletion("it broke")
                .setScheduledTime(1_700_000_000_010L)
                .setStartTime(1_700_000_000_020L)
                .setEndTime(1_700_000_000_030L)
                .setRetried(true)
                .setAwaitingDispatch(true)
                .setLogs(List.of(new TaskLogRecord("a line", 1_700_000_000_025L)))
                .setSlaBreached(true)
                .setStartDelayInSeconds(20)
                .setFirstScheduledTime(1_700_000_000_005L)
                .build();
    }

    static LoopPassRecord pass() {
        return new LoopPassRecord(7, 6L, "{\"body\":{\"n\":7}}");
    }
}
