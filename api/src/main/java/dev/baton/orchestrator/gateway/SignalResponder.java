package dev.baton.orchestrator.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.api.ConductorViews;
import dev.baton.orchestrator.api.Waits;
import dev.baton.orchestrator.error.ApiException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The answer of a synchronous signal (Conductor's WorkflowSignalResponder): once the signal has been
 * applied, waits until the workflow has ended or blocks again on a WAIT (in it or a running child),
 * at most {@code timeoutMillis}, and renders Conductor's SignalResponse for the return strategy:
 * the target workflow, the blocking workflow, or the blocking task (WorkflowRun or TaskRun).
 */
final class SignalResponder {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Conductor's WorkflowSignalReturnStrategy. */
    enum Strategy {
        TARGET_WORKFLOW,
        BLOCKING_WORKFLOW,
        BLOCKING_TASK,
        BLOCKING_TASK_INPUT;

        static Strategy parse(String text) {
            if (text == null || text.isBlank()) {
                return TARGET_WORKFLOW;
            }
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badField(
                        "returnStrategy",
                        "must be TARGET_WORKFLOW, BLOCKING_WORKFLOW, BLOCKING_TASK or BLOCKING_TASK_INPUT",
                        text);
            }
        }
    }

    private final Function<String, Optional<WorkflowInstance>> lookup;

    SignalResponder(Function<String, Optional<WorkflowInstance>> lookup) {
        this.lookup = lookup;
    }

    /**
     * Waits for the workflow {@code targetId} to settle after the signal and renders the response;
     * null when the strategy asks for a blocking task and none blocks (Conductor answers with an
     * empty body then).
     */
    ObjectNode await(String targetId, Strategy strategy, String requestId, long timeoutMillis) {
        // The update of the signalled task is visible by now (TaskGateway waits for it), so a WAIT that
        // blocks is the next one, or one elsewhere in the family.
        Optional<WorkflowInstance> settled = Waits.until(
                () -> lookup.apply(targetId),
                w -> w.isEmpty()
                        || w.get().isTerminal()
                        || !BlockingTasks.blocking(w.get(), lookup).isEmpty(),
                timeoutMillis);
        WorkflowInstance target =
                settled.orElseThrow(() -> ApiException.notFound("No such workflow found by id: " + targetId));
        List<BlockingTasks.Found> blocking = BlockingTasks.blocking(target, lookup);
        boolean timedOut = !target.isTerminal() && blocking.isEmpty();
        if (timedOut) {
            blocking = List.of(); // as Conductor on a timeout: the target's current state, nothing blocking
        }
        if (blocking.isEmpty()) {
            return strategy == Strategy.TARGET_WORKFLOW || strategy == Strategy.BLOCKING_WORKFLOW
                    ? workflowRun(target, target, strategy, requestId, timedOut)
                    : null;
        }
        return switch (strategy) {
            case TARGET_WORKFLOW -> workflowRun(target, target, strategy, requestId, false);
            case BLOCKING_WORKFLOW -> workflowRun(blocking.get(0).workflow(), target, strategy, requestId, false);
            case BLOCKING_TASK, BLOCKING_TASK_INPUT -> taskRun(blocking.get(0), target, strategy, requestId);
        };
    }

    /** Conductor's WorkflowRun of {@code wf}, with the target workflow named. */
    private static ObjectNode workflowRun(
            WorkflowInstance wf, WorkflowInstance target, Strategy strategy, String requestId, boolean timedOut) {
        ObjectNode n = ConductorViews.workflowRun(wf, requestId);
        n.put("responseType", strategy.name());
        n.put("targetWorkflowId", target.workflowId);
        n.put("targetWorkflowStatus", String.valueOf(target.status));
        n.put("signalTimeout", timedOut);
        return n;
    }

    /** Conductor's TaskRun of the blocking task. */
    private static ObjectNode taskRun(
            BlockingTasks.Found f, WorkflowInstance target, Strategy strategy, String requestId) {
        TaskState t = f.task();
        ObjectNode n = JSON.createObjectNode();
        n.put("responseType", strategy.name());
        n.put("targetWorkflowId", target.workflowId);
        n.put("targetWorkflowStatus", String.valueOf(target.status));
        n.put("requestId", requestId);
        n.put("workflowId", f.workflow().workflowId);
        n.put("correlationId", f.workflow().correlationId);
        n.set("input", t.inputData == null ? JSON.createObjectNode() : t.inputData);
        n.set("output", t.outputData == null ? JSON.createObjectNode() : t.outputData);
        n.put("signalTimeout", false);
        n.put("taskType", t.conductorType());
        n.put("taskId", t.taskId);
        n.put("referenceTaskName", t.referenceTaskName);
        n.put("retryCount", t.retryCount);
        n.put("taskDefName", t.taskDefName);
        n.put("retriedTaskId", t.retriedTaskId);
        n.put("workflowType", f.workflow().workflowName);
        n.put("reasonForIncompletion", t.reasonForIncompletion);
        n.put("priority", 0);
        n.put("createTime", t.startTime);
        n.put("updateTime", Math.max(t.startTime, t.endTime));
        n.put("status", String.valueOf(t.status));
        return n;
    }
}
