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
    /** At most this many current tasks go into a workflow snapshot (open tasks beyond them go to baton.tasks). */
    static final int SNAPSHOT_TASKS = 100;

    private ProtocolMapper() {}

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
        String text = stored.textOf(node);
        if (text == null) {
            text = node.toString();
        }
        return text.length() <= stored.inlineBytes() ? new Doc(text, null) : new Doc(null, stored.stash(node));
    }

    public static WorkflowEvent event(WorkflowInstance wf, Effect.HistoryEvent e) {
        return event(wf, e, null);
    }

    static WorkflowEvent event(WorkflowInstance wf, Effect.HistoryEvent e, InstanceStore.Pending stored) {
        Doc payload = doc(e.payload(), stored);
        WorkflowEvent r = new WorkflowEvent(); // not the builder: it validates and copies defaults on every record
        r.setEventId(wf.workflowId + ":" + e.seq());
        r.setWorkflowId(wf.workflowId);
        r.setSeq(e.seq());
        r.setTimestamp(e.timestamp());
        r.setType(WorkflowEventType.valueOf(e.type().name()));
        r.setWorkflowName(wf.workflowName);
        r.setWorkflowVersion(wf.workflowVersion);
        r.setTaskId(e.taskId());
        r.setTaskRef(e.taskRef());
        r.setTaskType(e.taskType());
        r.setAttempt(e.attempt());
        r.setStatus(e.status());
        r.setPayload(payload.text());
        r.setPayloadPath(payload.path());
        r.setReason(e.reason());
        return r;
    }

    static TaskSnapshot task(WorkflowInstance wf, TaskState t, InstanceStore.Pending stored) {
        Doc in = doc(t.inputData, stored);
        // a loop's passes are its body tasks' outputs, each on baton.tasks: the loop's record leaves them out
        Doc out = doc(LoopPasses.isLoop(t) ? LoopPasses.base(t.outputData) : t.outputData, stored);
        TaskSnapshot r = new TaskSnapshot();
        r.setTaskId(t.taskId);
        r.setTaskRef(t.referenceTaskName);
        r.setTaskType(t.taskDefName == null ? t.taskType : t.taskDefName);
        r.setStatus(t.status.name());
        r.setAttempt(t.retryCount);
        r.setInput(in.text());
        r.setInputPath(in.path());
        r.setOutput(out.text());
        r.setOutputPath(out.path());
        r.setReason(t.reasonForIncompletion);
        r.setScheduledTime(t.scheduledTime == 0 ? null : t.scheduledTime);
        r.setStartTime(t.startTime == 0 ? null : t.startTime);
        r.setEndTime(t.endTime == 0 ? null : t.endTime);
        r.setWorkflowId(wf.workflowId);
        r.setSeq(t.seq);
        r.setIteration(t.iteration);
        return r;
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
        WorkflowSnapshot r = new WorkflowSnapshot();
        r.setWorkflowId(wf.workflowId);
        r.setWorkflowName(wf.workflowName);
        r.setWorkflowVersion(wf.workflowVersion);
        r.setStatus(WorkflowStatus.valueOf(wf.status.name()));
        r.setCorrelationId(wf.correlationId);
        r.setInput(input.text());
        r.setInputPath(input.path());
        r.setOutput(output.text());
        r.setOutputPath(output.path());
        r.setVariables(variables.text());
        r.setVariablesPath(variables.path());
        r.setReasonForIncompletion(wf.reasonForIncompletion);
        r.setStartTime(wf.startTime);
        r.setUpdateTime(wf.updateTime);
        r.setEndTime(wf.endTime == 0 ? null : wf.endTime);
        r.setLastSeq(wf.seq);
        r.setParentWorkflowId(wf.parentWorkflowId);
        r.setParentTaskId(wf.parentTaskId);
        r.setTasks(tasks);
        r.setTaskCount(wf.tasks.size());
        r.setOpenTaskCount(openCount);
        return r;
    }
}
