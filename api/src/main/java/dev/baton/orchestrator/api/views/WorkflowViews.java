package dev.baton.orchestrator.api.views;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.api.model.Task;
import dev.baton.orchestrator.api.model.Workflow;
import dev.baton.orchestrator.api.model.WorkflowDef;
import dev.baton.orchestrator.api.model.WorkflowRun;
import dev.baton.orchestrator.api.model.WorkflowStatusSummary;
import dev.baton.orchestrator.api.model.WorkflowSummary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Baton's workflow instances as Conductor's {@code Workflow}, {@code WorkflowSummary},
 * {@code WorkflowRun} and {@code WorkflowStatus}.
 */
public final class WorkflowViews {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WorkflowViews() {}

    /** Conductor's Workflow: its tasks only when asked for, the definition it runs with each task's definition. */
    public static Workflow workflow(WorkflowInstance wf, boolean includeTasks, DefinitionLookup lookup) {
        WorkflowContext ctx = WorkflowContext.of(wf, lookup);
        return new Workflow(
                null,
                wf.startTime,
                wf.updateTime,
                null,
                null,
                String.valueOf(wf.status),
                wf.endTime,
                wf.workflowId,
                wf.parentWorkflowId,
                wf.parentTaskId,
                includeTasks ? tasks(wf, ctx) : List.of(),
                orEmpty(wf.input),
                orEmpty(wf.output),
                wf.correlationId,
                null,
                wf.reasonForIncompletion,
                null,
                wf.taskToDomain == null ? Map.of() : Map.copyOf(wf.taskToDomain),
                List.copyOf(failed(wf, true)),
                definition(wf, ctx),
                null,
                null,
                0,
                orEmpty(wf.variables),
                wf.lastRetriedTime,
                List.copyOf(failed(wf, false)),
                List.of(),
                null,
                null,
                false,
                wf.startTime,
                wf.workflowName,
                wf.workflowVersion);
    }

    /** Conductor's WorkflowSummary (a search hit): input and output as JSON text. */
    public static WorkflowSummary summary(WorkflowInstance wf) {
        String input = orEmpty(wf.input).toString();
        String output = orEmpty(wf.output).toString();
        return new WorkflowSummary(
                wf.workflowName,
                wf.workflowVersion,
                wf.workflowId,
                wf.correlationId,
                TimeText.iso(wf.startTime),
                TimeText.iso(wf.updateTime),
                TimeText.iso(wf.endTime),
                String.valueOf(wf.status),
                input,
                output,
                wf.reasonForIncompletion,
                wf.endTime > 0 ? wf.endTime - wf.startTime : 0,
                null,
                String.join(",", failed(wf, true)),
                null,
                null,
                0,
                List.copyOf(failed(wf, false)),
                null,
                input.length(),
                output.length());
    }

    /**
     * Conductor's WorkflowRun for a synchronous call: the workflow's state, {@code signalTimeout}
     * when the wait ended before the workflow finished or blocked.
     */
    public static WorkflowRun run(
            WorkflowInstance wf,
            String requestId,
            String responseType,
            boolean signalTimeout,
            DefinitionLookup lookup) {
        WorkflowContext ctx = WorkflowContext.of(wf, lookup);
        return new WorkflowRun(
                responseType,
                wf.workflowId,
                String.valueOf(wf.status),
                requestId,
                wf.workflowId,
                wf.correlationId,
                orEmpty(wf.input),
                orEmpty(wf.output),
                signalTimeout,
                0,
                orEmpty(wf.variables),
                tasks(wf, ctx),
                null,
                wf.startTime,
                String.valueOf(wf.status),
                wf.updateTime);
    }

    /** Conductor's WorkflowStatus: output and variables only when asked for. */
    public static WorkflowStatusSummary status(WorkflowInstance wf, boolean includeOutput, boolean includeVariables) {
        return new WorkflowStatusSummary(
                wf.workflowId,
                wf.correlationId == null || wf.correlationId.isEmpty() ? null : wf.correlationId,
                includeOutput ? orEmpty(wf.output) : null,
                includeVariables ? orEmpty(wf.variables) : null,
                String.valueOf(wf.status));
    }

    /** Every task of the instance, in order. */
    public static List<Task> tasks(WorkflowInstance wf, WorkflowContext ctx) {
        List<Task> out = new ArrayList<>(wf.tasks.size());
        for (TaskState t : wf.tasks) {
            out.add(TaskViews.task(wf, t, ctx, null));
        }
        return out;
    }

    /**
     * The definition the instance runs, each task with its task definition; when it is gone
     * (deleted since the start), just its name and version.
     */
    private static WorkflowDef definition(WorkflowInstance wf, WorkflowContext ctx) {
        if (ctx.definition() != null) {
            return DefinitionViews.workflowDef(ctx.definition(), ctx.lookup());
        }
        return DefinitionViews.workflowDef(new dev.baton.dsl.WorkflowDef(
                wf.workflowName,
                null,
                wf.workflowVersion,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null));
    }

    /**
     * As Conductor records them when a workflow ends: the reference names (or definition names) of
     * its FAILED and FAILED_WITH_TERMINAL_ERROR tasks; while it runs, none, or, once retried, those
     * that ended before the retry (Conductor keeps what it recorded then).
     */
    private static Set<String> failed(WorkflowInstance wf, boolean referenceNames) {
        Set<String> out = new LinkedHashSet<>();
        if (!wf.isTerminal() && wf.lastRetriedTime <= 0) {
            return out;
        }
        for (TaskState t : wf.tasks) {
            boolean recorded = wf.isTerminal() || t.endTime > 0 && t.endTime <= wf.lastRetriedTime;
            if (recorded && (t.status == TaskStatus.FAILED || t.status == TaskStatus.FAILED_WITH_TERMINAL_ERROR)) {
                out.add(referenceNames ? t.referenceTaskName : TaskViews.taskDefName(t)); // JOIN, not its name
            }
        }
        return out;
    }

    private static ObjectNode orEmpty(ObjectNode n) {
        return n == null ? NODES.objectNode() : n;
    }
}
