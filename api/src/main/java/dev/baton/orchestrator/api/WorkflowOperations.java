package dev.baton.orchestrator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.WorkflowDef;
import dev.baton.dsl.WorkflowTask;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.error.ApiError;
import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.query.InstanceQueries;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Operator commands with Conductor's synchronous feel: each checks the instance first (404 when
 * unknown, 409 when the command does not apply to its state), sends the command, and waits
 * (bounded) until the change is visible. Every method returns true when the change was seen,
 * false when the command was accepted but had not been applied when the wait ended.
 */
@Singleton
@Requires(property = "baton.runtime.enabled", notEquals = "false")
public class WorkflowOperations {
    private final WorkflowClient client;
    private final InstanceQueries queries;
    private final DefinitionStore definitions;
    private final ApiSettings settings;

    public WorkflowOperations(
            WorkflowClient client, InstanceQueries queries, DefinitionStore definitions, ApiSettings settings) {
        this.client = client;
        this.queries = queries;
        this.definitions = definitions;
        this.settings = settings;
    }

    /** The instance, or 404. */
    public WorkflowInstance get(String workflowId) {
        return queries.find(workflowId).orElseThrow(() -> notFound(workflowId));
    }

    /** The definition an instance runs: its inline one, else the registered version (null if deleted since). */
    public WorkflowDef definitionOf(WorkflowInstance wf) {
        return wf.definition != null
                ? wf.definition
                : definitions.workflow(wf.workflowName, wf.workflowVersion).orElse(null);
    }

    public boolean pause(String id) {
        WorkflowInstance wf = get(id);
        if (wf.status == WorkflowStatus.PAUSED) {
            return true; // as in Conductor, pausing a paused workflow changes nothing
        }
        return run(
                id,
                wf,
                w -> requireNotTerminal(w, "paused"),
                () -> client.pause(id),
                w -> w.status == WorkflowStatus.PAUSED);
    }

    /**
     * Conductor's resetcallbacks on the instance: its worker tasks SCHEDULED with a callback show none once it returns
     * (the task gateway hands them out at once); nothing is sent when none waits. 409 for an ended workflow.
     */
    public boolean resetCallbacks(String id) {
        WorkflowInstance wf = get(id);
        Consumer<WorkflowInstance> notEnded = w -> {
            if (w.isTerminal()) {
                throw ApiException.conflict("Workflow " + id + " is in terminal state. Status = " + w.status);
            }
        };
        notEnded.accept(wf);
        if (!waitsForCallback(wf)) {
            return true;
        }
        return run(id, wf, notEnded, () -> client.resetCallbacks(id), w -> !waitsForCallback(w));
    }

    private static boolean waitsForCallback(WorkflowInstance wf) {
        for (TaskState t : wf.tasks) {
            if (t.waitsForCallback()) {
                return true;
            }
        }
        return false;
    }

    public boolean resume(String id) {
        return run(
                id,
                get(id),
                w -> {
                    if (w.status != WorkflowStatus.PAUSED) {
                        throw ApiException.conflict("The workflow " + id
                                + " is not PAUSED so cannot resume. Current status is " + w.status);
                    }
                },
                () -> client.resume(id),
                w -> w.status != WorkflowStatus.PAUSED);
    }

    /**
     * Conductor's terminate: a running or paused workflow, and one that failed or timed out, ends
     * TERMINATED with the reason (null without one); one TERMINATED already is left as it is
     * (true); a COMPLETED one is refused (409).
     */
    public boolean terminate(String id, String reason) {
        WorkflowInstance wf = get(id);
        if (wf.status == WorkflowStatus.TERMINATED) {
            return true;
        }
        return run(
                id,
                wf,
                w -> {
                    if (w.status == WorkflowStatus.COMPLETED) {
                        throw ApiException.conflict("Cannot terminate a COMPLETED workflow.");
                    }
                },
                () -> client.terminate(id, reason),
                w -> w.status == WorkflowStatus.TERMINATED);
    }

    /**
     * Conductor's remove: with {@code archiveWorkflow} (its default) a workflow that has not ended
     * is refused (400, its words) and kept; otherwise as {@link #remove(String)}.
     */
    public boolean remove(String id, boolean archiveWorkflow) {
        if (archiveWorkflow) {
            WorkflowInstance wf = get(id);
            if (!wf.isTerminal()) {
                throw new ApiException(
                        HttpStatus.BAD_REQUEST, "Cannot archive workflow: " + id + " with status: " + wf.status);
            }
        }
        return remove(id);
    }

    /** Removes the instance (running or not); true once it is gone. */
    public boolean remove(String id) {
        get(id);
        client.delete(id);
        client.flush();
        return Waits.until(() -> queries.find(id), Optional::isEmpty, settings.getCommandWaitMs())
                .isEmpty();
    }

    public boolean restart(String id, boolean useLatestDefinitions) {
        WorkflowInstance before = get(id);
        return run(
                id,
                before,
                w -> {
                    if (!w.isTerminal()) {
                        throw ApiException.conflict(
                                "Workflow " + id + " is " + w.status + "; only a finished workflow can be restarted");
                    }
                    WorkflowDef def = useLatestDefinitions && w.definition == null
                            ? definitions.workflow(w.workflowName, null).orElse(null)
                            : definitionOf(w);
                    // Both refusals are Conductor's NotFoundException (WorkflowExecutor.restart), so 404.
                    if (def == null) {
                        throw ApiException.notFound("Workflow " + id + " cannot be restarted: its definition "
                                + w.workflowName + (useLatestDefinitions ? "" : " version " + w.workflowVersion)
                                + " is no longer registered");
                    }
                    if (w.status == WorkflowStatus.COMPLETED && Boolean.FALSE.equals(def.restartable())) {
                        throw ApiException.notFound(
                                "Workflow " + id + " of " + w.workflowName
                                        + " is non-restartable: restartable=false allows restarting a failed run, not a completed one");
                    }
                },
                () -> client.restart(id, useLatestDefinitions),
                w -> w.seq > before.seq);
    }

    public boolean retry(String id, boolean resumeSubworkflowTasks) {
        WorkflowInstance before = get(id);
        if (resumeSubworkflowTasks && before.isTerminal() && !anyFailed(before)) {
            return true; // as Conductor: with resumeSubworkflowTasks, an ended workflow without a failed task is left
            // so
        }
        return run(
                id,
                before,
                w -> {
                    // Conductor's answers (WorkflowExecutor.retry): a NotFoundException while it runs, then a conflict
                    if (!w.isTerminal()) {
                        throw ApiException.notFound("Workflow is still running.  status=" + w.status);
                    }
                    if (!anyFailed(w)) {
                        throw ApiException.conflict("There are no retryable tasks! Use restart if you want to attempt"
                                + " entire workflow execution again.");
                    }
                },
                () -> client.retry(id, resumeSubworkflowTasks),
                w -> w.seq > before.seq);
    }

    /**
     * Reruns an ended workflow from a task (by its task id) or, without one, from the start. As in
     * Conductor, a task id of one of its sub-workflows (at any depth) reruns that sub-workflow from
     * the task, and the workflows above it wait for it again.
     */
    public boolean rerun(
            String id, String fromTaskId, ObjectNode taskInput, ObjectNode workflowInput, String correlationId) {
        settings.checkSize(taskInput, "$.taskInput");
        settings.checkSize(workflowInput, "$.workflowInput");
        WorkflowInstance top = get(id);
        WorkflowInstance target = top;
        String fromRef = null;
        if (fromTaskId != null) {
            target = SubWorkflowTasks.owner(queries, top, fromTaskId)
                    .orElseThrow(() -> new ApiException(
                            HttpStatus.NOT_FOUND,
                            "Workflow " + id + " has no task with id " + fromTaskId,
                            List.of(new ApiError.FieldError(
                                    "$.reRunFromTaskId",
                                    "no task of the workflow or of its sub-workflows has this id",
                                    fromTaskId))));
            fromRef = target.task(fromTaskId).orElseThrow().referenceTaskName;
            if (target != top) {
                requireEndedForRerun(top);
                if (workflowInput != null) {
                    throw ApiException.badField(
                            "$.workflowInput",
                            "task " + fromTaskId + " belongs to sub-workflow " + target.workflowId
                                    + ": a new workflow input applies only to the workflow rerun",
                            workflowInput.toString());
                }
            }
        }
        String targetId = target.workflowId;
        WorkflowInstance before = target;
        String ref = fromRef;
        // a new correlation id is the workflow's; when a sub-workflow is rerun, Baton does not set it (Conductor sets
        // it on the workflow named, whose child is rerun)
        String newCorrelationId = target == top ? correlationId : null;
        return run(
                targetId,
                before,
                WorkflowOperations::requireEndedForRerun,
                () -> client.rerun(targetId, ref, taskInput, workflowInput, newCorrelationId),
                w -> w.seq > before.seq);
    }

    private static boolean anyFailed(WorkflowInstance w) {
        return w.tasks.stream()
                .anyMatch(t -> !t.retried && t.status != null && t.status.isTerminal() && !t.status.isSuccessful());
    }

    /** Conductor reruns only a workflow that has ended (409 otherwise). */
    private static void requireEndedForRerun(WorkflowInstance w) {
        if (!w.isTerminal()) {
            throw ApiException.conflict("Workflow: " + w.workflowId + " is not in terminal state, unable to rerun.");
        }
    }

    /** Skips a task that has not been scheduled yet (it is recorded as SKIPPED and passed over). */
    public boolean skipTask(String id, String taskRef, ObjectNode taskInput, ObjectNode taskOutput) {
        settings.checkSize(taskInput, "$.taskInput");
        settings.checkSize(taskOutput, "$.taskOutput");
        WorkflowInstance before = get(id);
        WorkflowDef def = definitionOf(before);
        if (def != null && !declares(def.tasks(), taskRef)) {
            throw new ApiException(
                    HttpStatus.NOT_FOUND,
                    "Workflow " + before.workflowName + " has no task " + taskRef,
                    List.of(new ApiError.FieldError(
                            "taskReferenceName", "not a task of the workflow's definition", taskRef)));
        }
        return run(
                id,
                before,
                w -> {
                    if (w.status != WorkflowStatus.RUNNING) {
                        // Conductor's words (its IllegalStateException, a 500 there)
                        throw ApiException.conflict("The workflow " + id + " is not running so the task referenced by "
                                + taskRef + " cannot be skipped");
                    }
                    if (scheduled(w, taskRef)) {
                        throw ApiException.conflict(
                                "Task " + taskRef + " of workflow " + id + " has already been scheduled");
                    }
                },
                () -> client.skipTask(id, taskRef, taskInput, taskOutput),
                w -> scheduled(w, taskRef));
    }

    /**
     * Checks, sends, waits. The wait ends when the change is seen, when the instance is gone, or
     * when the command no longer applies (then the check's 409 is the answer).
     */
    private boolean run(
            String id,
            WorkflowInstance before,
            Consumer<WorkflowInstance> check,
            Runnable send,
            Predicate<WorkflowInstance> done) {
        check.accept(before);
        send.run();
        client.flush();
        Optional<WorkflowInstance> last = Waits.until(
                () -> queries.find(id),
                w -> w.isEmpty() || done.test(w.get()) || !applies(check, w.get()),
                settings.getCommandWaitMs());
        if (last.isEmpty()) {
            throw notFound(id);
        }
        if (done.test(last.get())) {
            return true;
        }
        check.accept(last.get());
        return false;
    }

    private static boolean applies(Consumer<WorkflowInstance> check, WorkflowInstance wf) {
        try {
            check.accept(wf);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    private static void requireNotTerminal(WorkflowInstance w, String verb) {
        if (w.isTerminal()) {
            throw ApiException.conflict(
                    "Workflow " + w.workflowId + " has ended (" + w.status + ") and cannot be " + verb);
        }
    }

    private static boolean scheduled(WorkflowInstance w, String ref) {
        for (TaskState t : w.tasks) {
            if (ref.equals(t.referenceTaskName) || ref.equals(t.defRef)) {
                return true;
            }
        }
        return false;
    }

    /** True when the task list (or any list nested in it) declares the reference. */
    static boolean declares(List<WorkflowTask> tasks, String ref) {
        if (tasks == null) {
            return false;
        }
        for (WorkflowTask t : tasks) {
            if (t == null) {
                continue;
            }
            if (ref.equals(t.taskReferenceName()) || declares(t.defaultCase(), ref) || declares(t.loopOver(), ref)) {
                return true;
            }
            if (t.decisionCases() != null) {
                for (Map.Entry<String, List<WorkflowTask>> c : t.decisionCases().entrySet()) {
                    if (declares(c.getValue(), ref)) {
                        return true;
                    }
                }
            }
            if (t.forkTasks() != null) {
                for (List<WorkflowTask> branch : t.forkTasks()) {
                    if (declares(branch, ref)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static ApiException notFound(String workflowId) {
        return ApiException.notFound("No such workflow found by id: " + workflowId);
    }
}
