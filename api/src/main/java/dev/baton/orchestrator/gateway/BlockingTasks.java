package dev.baton.orchestrator.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.dsl.TaskKind;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a workflow waits for the outside world, as Conductor's workflow-level signal sees it: WAIT
 * tasks that have not ended, in the workflow itself or, through SUB_WORKFLOW tasks still running,
 * in its children (Conductor's TaskServiceImpl.findPendingBlockingTask and WorkflowSignalResponder).
 */
final class BlockingTasks {
    /** Sub-workflow nesting followed at most (a guard against a malformed parent/child loop). */
    private static final int MAX_DEPTH = 32;

    /** A task and the workflow instance it belongs to. */
    public record Found(WorkflowInstance workflow, TaskState task) {}

    private BlockingTasks() {}

    /**
     * The task a workflow-level signal updates: the first WAIT of the workflow not ended, else the
     * first one found in a running child (children in task-list order, depth first).
     */
    static Optional<Found> signalTarget(WorkflowInstance wf, Function<String, Optional<WorkflowInstance>> lookup) {
        return signalTarget(wf, lookup, 0);
    }

    private static Optional<Found> signalTarget(
            WorkflowInstance wf, Function<String, Optional<WorkflowInstance>> lookup, int depth) {
        for (TaskState t : wf.tasks) {
            if (isOpenWait(t)) {
                return Optional.of(new Found(wf, t));
            }
        }
        if (depth >= MAX_DEPTH) {
            return Optional.empty();
        }
        for (TaskState t : wf.tasks) {
            if (isRunningChild(t)) {
                Optional<Found> inChild =
                        lookup.apply(t.subWorkflowId).flatMap(c -> signalTarget(c, lookup, depth + 1));
                if (inChild.isPresent()) {
                    return inChild;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * What a synchronous signal waits for next: WAIT tasks without a duration or deadline that have
     * not ended, in the workflow and its running children.
     */
    static List<Found> blocking(WorkflowInstance wf, Function<String, Optional<WorkflowInstance>> lookup) {
        List<Found> out = new ArrayList<>();
        collect(wf, lookup, out, 0);
        return out;
    }

    private static void collect(
            WorkflowInstance wf, Function<String, Optional<WorkflowInstance>> lookup, List<Found> out, int depth) {
        for (TaskState t : wf.tasks) {
            if (isOpenWait(t) && !timed(t)) {
                out.add(new Found(wf, t));
            }
            if (isRunningChild(t) && depth < MAX_DEPTH) {
                lookup.apply(t.subWorkflowId).ifPresent(c -> collect(c, lookup, out, depth + 1));
            }
        }
    }

    private static boolean isOpenWait(TaskState t) {
        return t.kind() == TaskKind.WAIT && t.status != null && !t.status.isTerminal();
    }

    private static boolean isRunningChild(TaskState t) {
        return t.kind() == TaskKind.SUB_WORKFLOW
                && t.subWorkflowId != null
                && !t.subWorkflowId.isBlank()
                && t.status != null
                && !t.status.isTerminal();
    }

    /** A WAIT with a duration or an until: it ends by itself, so it does not block (Conductor's waitTimeout). */
    private static boolean timed(TaskState t) {
        return t.inputData != null && (present(t.inputData.get("duration")) || present(t.inputData.get("until")));
    }

    private static boolean present(JsonNode n) {
        return n != null && !n.isNull() && !n.asText().isBlank();
    }
}
