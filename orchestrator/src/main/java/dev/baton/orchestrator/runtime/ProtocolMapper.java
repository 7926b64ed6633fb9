package dev.baton.orchestrator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.protocol.TaskSnapshot;
import dev.baton.protocol.WorkflowEvent;
import dev.baton.protocol.WorkflowEventType;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import java.util.ArrayList;
import java.util.List;

/** Turns engine state and events into the protocol records written to Kafka. */
public final class ProtocolMapper {
    private ProtocolMapper() {
    }

    public static WorkflowEvent event(WorkflowInstance wf, Effect.HistoryEvent e) {
        return WorkflowEvent.newBuilder()
                .setEventId(wf.workflowId + ":" + e.seq())
                .setWorkflowId(wf.workflowId)
                .setSeq(e.seq())
                .setTimestamp(e.timestamp())
                .setType(WorkflowEventType.valueOf(e.type().name()))
                .setWorkflowName(wf.workflowName)
                .setWorkflowVersion(wf.workflowVersion)
                .setTaskId(e.taskId())
                .setTaskRef(e.taskRef())
                .setTaskType(e.taskType())
                .setAttempt(e.attempt())
                .setStatus(e.status())
                .setPayload(text(e.payload()))
                .setReason(e.reason())
                .build();
    }

    public static WorkflowSnapshot snapshot(WorkflowInstance wf) {
        List<TaskSnapshot> tasks = new ArrayList<>(wf.tasks.size());
        for (TaskState t : wf.tasks) {
            tasks.add(TaskSnapshot.newBuilder()
                    .setTaskId(t.taskId)
                    .setTaskRef(t.referenceTaskName)
                    .setTaskType(t.taskDefName == null ? t.taskType : t.taskDefName)
                    .setStatus(t.status.name())
                    .setAttempt(t.retryCount)
                    .setInput(text(t.inputData))
                    .setOutput(text(t.outputData))
                    .setReason(t.reasonForIncompletion)
                    .setScheduledTime(t.scheduledTime == 0 ? null : t.scheduledTime)
                    .setStartTime(t.startTime == 0 ? null : t.startTime)
                    .setEndTime(t.endTime == 0 ? null : t.endTime)
                    .build());
        }
        return WorkflowSnapshot.newBuilder()
                .setWorkflowId(wf.workflowId)
                .setWorkflowName(wf.workflowName)
                .setWorkflowVersion(wf.workflowVersion)
                .setStatus(WorkflowStatus.valueOf(wf.status.name()))
                .setCorrelationId(wf.correlationId)
                .setInput(text(wf.input))
                .setOutput(text(wf.output))
                .setVariables(text(wf.variables))
                .setReasonForIncompletion(wf.reasonForIncompletion)
                .setStartTime(wf.startTime)
                .setUpdateTime(wf.updateTime)
                .setEndTime(wf.endTime == 0 ? null : wf.endTime)
                .setLastSeq(wf.seq)
                .setParentWorkflowId(wf.parentWorkflowId)
                .setParentTaskId(wf.parentTaskId)
                .setTasks(tasks)
                .build();
    }

    private static String text(JsonNode node) {
        return node == null ? null : node.toString();
    }
}
