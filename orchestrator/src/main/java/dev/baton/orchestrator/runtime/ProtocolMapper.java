package dev.baton.orchestrator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.state.InstanceStore;
import dev.baton.orchestrator.state.LoopPasses;
import dev.baton.protocol.TaskSnapshot;
import dev.baton.protocol.WorkflowEvent;
import dev.baton.protocol.WorkflowEventType;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns engine state and events into the protocol records written to Kafka. A large document is
 * not copied into them: they name where the instance keeps it ({@code ...Path} fields), so that
 * every record stays small whatever the payloads.
 */
public final class ProtocolMapper {
    /** At most this many current tasks go into a workflow snapshot (all of them are on baton.tasks). */
    static final int SNAPSHOT_TASKS = 100;

    private ProtocolMapper() {
    }

    /** A JSON document for a record: its text when small, else its path in the instance's payloads. */
    record Doc(String text, String path) {
        static final Doc NONE = new Doc(null, null);
    }

    static Doc doc(JsonNode node, InstanceStore.Pending stored) {
        if (node == null) {
            return Doc.NONE;
        }
        if (stored == null) {
            return new Doc(node.toString(), null);
        }
        String path = stored.pathOf(node);
        if (path != null) {
            return new Doc(null, path);
        }
        String text = node.toString();
        return text.length() <= stored.inlineBytes() ? new Doc(text, null) : new Doc(null, stored.stash(node));
    }

    public static WorkflowEvent event(WorkflowInstance wf, Effect.HistoryEvent e) {
        return event(wf, e, null);
    }

    static WorkflowEvent event(WorkflowInstance wf, Effect.HistoryEvent e, InstanceStore.Pending stored) {
        Doc payload = doc(e.payload(), stored);
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
                .setPayload(payload.text())
                .setPayloadPath(payload.path())
                .setReason(e.reason())
                .build();
    }

    static TaskSnapshot task(WorkflowInstance wf, TaskState t, InstanceStore.Pending stored) {
        Doc in = doc(t.inputData, stored);
        // a loop's passes are its body tasks' outputs, each on baton.tasks: the loop's record leaves them out
        Doc out = doc(LoopPasses.isLoop(t) ? LoopPasses.base(t.outputData) : t.outputData, stored);
        return TaskSnapshot.newBuilder()
                .setTaskId(t.taskId)
                .setTaskRef(t.referenceTaskName)
                .setTaskType(t.taskDefName == null ? t.taskType : t.taskDefName)
                .setStatus(t.status.name())
                .setAttempt(t.retryCount)
                .setInput(in.text())
                .setInputPath(in.path())
                .setOutput(out.text())
                .setOutputPath(out.path())
                .setReason(t.reasonForIncompletion)
                .setScheduledTime(t.scheduledTime == 0 ? null : t.scheduledTime)
                .setStartTime(t.startTime == 0 ? null : t.startTime)
                .setEndTime(t.endTime == 0 ? null : t.endTime)
                .setWorkflowId(wf.workflowId)
                .setSeq(t.seq)
                .setIteration(t.iteration)
                .build();
    }

    /** The instance's header and its current tasks (at most {@value #SNAPSHOT_TASKS}). */
    static WorkflowSnapshot snapshot(WorkflowInstance wf, InstanceStore.Pending stored) {
        List<TaskState> open = wf.index().openSnapshot();
        List<TaskSnapshot> tasks = new ArrayList<>(Math.min(open.size(), SNAPSHOT_TASKS));
        int openCount = 0;
        for (TaskState t : open) {
            if (!t.status.isTerminal()) {
                openCount++;
                if (tasks.size() < SNAPSHOT_TASKS) {
                    tasks.add(task(wf, t, stored));
                }
            }
        }
        Doc input = doc(wf.input, stored);
        Doc output = doc(wf.output, stored);
        Doc variables = doc(wf.variables, stored);
        return WorkflowSnapshot.newBuilder()
                .setWorkflowId(wf.workflowId)
                .setWorkflowName(wf.workflowName)
                .setWorkflowVersion(wf.workflowVersion)
                .setStatus(WorkflowStatus.valueOf(wf.status.name()))
                .setCorrelationId(wf.correlationId)
                .setInput(input.text())
                .setInputPath(input.path())
                .setOutput(output.text())
                .setOutputPath(output.path())
                .setVariables(variables.text())
                .setVariablesPath(variables.path())
                .setReasonForIncompletion(wf.reasonForIncompletion)
                .setStartTime(wf.startTime)
                .setUpdateTime(wf.updateTime)
                .setEndTime(wf.endTime == 0 ? null : wf.endTime)
                .setLastSeq(wf.seq)
                .setParentWorkflowId(wf.parentWorkflowId)
                .setParentTaskId(wf.parentTaskId)
                .setTasks(tasks)
                .setTaskCount(wf.tasks.size())
                .setOpenTaskCount(openCount)
                .build();
    }
}
