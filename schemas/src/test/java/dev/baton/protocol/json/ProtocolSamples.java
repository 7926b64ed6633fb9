package dev.baton.protocol.json;

import dev.baton.protocol.ControlType;
import dev.baton.protocol.TaskCommand;
import dev.baton.protocol.TaskReply;
import dev.baton.protocol.TaskReplyStatus;
import dev.baton.protocol.TaskSnapshot;
import dev.baton.protocol.WorkflowControl;
import dev.baton.protocol.WorkflowEvent;
import dev.baton.protocol.WorkflowEventType;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Sample instances of every protocol record: fully populated and with only required fields. */
final class ProtocolSamples {

    static final String INPUT = "{\"orderId\":\"o-17\",\"amount\":12.5,\"items\":[1,2]}";

    private ProtocolSamples() {}

    static TaskCommand taskCommand() {
        return TaskCommand.newBuilder()
                .setWorkflowId("wf-1")
                .setTaskId("t-1")
                .setTaskRef("charge_ref")
                .setTaskType("charge")
                .setAttempt(2)
                .setCorrelationId("order-17")
                .setReplyTo("baton.replies")
                .setTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .setInput(INPUT)
                .setScheduledTime(1_700_000_000_123L)
                .build();
    }

    static TaskCommand minimalTaskCommand() {
        return TaskCommand.newBuilder()
                .setWorkflowId("wf-1")
                .setTaskId("t-1")
                .setTaskRef("charge_ref")
                .setTaskType("charge")
                .setAttempt(1)
                .setReplyTo("baton.replies")
                .setInput("{}")
                .setScheduledTime(1L)
                .build();
    }

    static TaskReply taskReply() {
        return TaskReply.newBuilder()
                .setWorkflowId("wf-1")
                .setTaskId("t-1")
                .setTaskRef("charge_ref")
                .setAttempt(2)
                .setStatus(TaskReplyStatus.FAILED)
                .setOutput("{\"code\":402}")
                .setReason("card declined")
                .setCallbackAfterSeconds(30L)
                .setLogs(List.of("tried visa", "declined"))
                .build();
    }

    static TaskReply minimalTaskReply() {
        return TaskReply.newBuilder()
                .setWorkflowId("wf-1")
                .setTaskId("t-1")
                .setTaskRef("charge_ref")
                .setAttempt(1)
                .setStatus(TaskReplyStatus.COMPLETED)
                .build();
    }

    static WorkflowControl workflowControl() {
        return WorkflowControl.newBuilder()
                .setCommandId("c-1")
                .setWorkflowId("wf-1")
                .setType(ControlType.SIGNAL)
                .setWorkflowName("order")
                .setWorkflowVersion(3)
                .setInput(INPUT)
                .setCorrelationId("order-17")
                .setReason("approved by ops")
                .setTaskRef("approve_ref")
                .setTaskId("t-9")
                .setTaskInput("{\"x\":1}")
                .setTaskOutput("{\"approved\":true}")
                .setTaskStatus(TaskReplyStatus.COMPLETED)
                .setUseLatestDefinition(true)
                .setIdempotencyKey("idem-1")
                .setParentWorkflowId("wf-0")
                .setParentTaskId("t-0")
                .setRequestedBy("alice")
                .setTimestamp(1_700_000_000_000L)
                .build();
    }

    static WorkflowControl minimalWorkflowControl() {
        return WorkflowControl.newBuilder()
                .setCommandId("c-2")
                .setWorkflowId("wf-1")
                .setType(ControlType.PAUSE)
                .setTimestamp(5L)
                .build();
    }

    static WorkflowEvent workflowEvent() {
        return WorkflowEvent.newBuilder()
                .setEventId("e-1")
                .setWorkflowId("wf-1")
                .setSeq(7L)
                .setTimestamp(1_700_000_000_500L)
                .setType(WorkflowEventType.TASK_COMPLETED)
                .setWorkflowName("order")
                .setWorkflowVersion(3)
                .setTaskId("t-1")
                .setTaskRef("charge_ref")
                .setTaskType("charge")
                .setAttempt(2)
                .setStatus("COMPLETED")
                .setPayload("{\"receipt\":\"r-1\"}")
                .setReason("none")
                .build();
    }

    static WorkflowEvent minimalWorkflowEvent() {
        return WorkflowEvent.newBuilder()
                .setEventId("e-0")
                .setWorkflowId("wf-1")
                .setSeq(1L)
                .setTimestamp(1L)
                .setType(WorkflowEventType.WORKFLOW_STARTED)
                .setWorkflowName("order")
                .setWorkflowVersion(1)
                .build();
    }

    static TaskSnapshot taskSnapshot() {
        return TaskSnapshot.newBuilder()
                .setTaskId("t-1")
                .setTaskRef("charge_ref")
                .setTaskType("charge")
                .setStatus("COMPLETED")
                .setAttempt(2)
                .setInput(INPUT)
                .setOutput("{\"receipt\":\"r-1\"}")
                .setReason(null)
                .setScheduledTime(10L)
                .setStartTime(11L)
                .setEndTime(12L)
                .build();
    }

    static WorkflowSnapshot workflowSnapshot() {
        TaskSnapshot waiting = TaskSnapshot.newBuilder()
                .setTaskId("t-2")
                .setTaskRef("ship_ref")
                .setTaskType("ship")
                .setStatus("SCHEDULED")
                .setAttempt(1)
                .build();
        return WorkflowSnapshot.newBuilder()
                .setWorkflowId("wf-1")
                .setWorkflowName("order")
                .setWorkflowVersion(3)
                .setStatus(WorkflowStatus.RUNNING)
                .setCorrelationId("order-17")
                .setInput(INPUT)
                .setOutput(null)
                .setVariables("{\"retries\":0}")
                .setReasonForIncompletion(null)
                .setStartTime(10L)
                .setUpdateTime(12L)
                .setEndTime(null)
                .setLastSeq(7L)
                .setParentWorkflowId("wf-0")
                .setParentTaskId("t-0")
                .setTasks(List.of(taskSnapshot(), waiting))
                .build();
    }

    static WorkflowSnapshot minimalWorkflowSnapshot() {
        return WorkflowSnapshot.newBuilder()
                .setWorkflowId("wf-2")
                .setWorkflowName("order")
                .setWorkflowVersion(1)
                .setStatus(WorkflowStatus.COMPLETED)
                .setStartTime(1L)
                .setUpdateTime(2L)
                .setLastSeq(2L)
                .build();
    }

    /** Every sample, full and minimal. */
    static List<SpecificRecord> all() {
        return List.of(
                taskCommand(),
                minimalTaskCommand(),
                taskReply(),
                minimalTaskReply(),
                workflowControl(),
                minimalWorkflowControl(),
                workflowEvent(),
                minimalWorkflowEvent(),
                taskSnapshot(),
                workflowSnapshot(),
                minimalWorkflowSnapshot());
    }
}
