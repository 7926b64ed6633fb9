package dev.baton.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskDef;
import dev.baton.dsl.TaskKind;
import dev.baton.dsl.WorkflowTask;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.expr.ParameterResolver;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Decides what happens next in a running workflow. This is where one saga step is decided:
 * after any change, {@link #decide} acts on every task that has ended and not been acted on
 * yet — it schedules what follows (the next task of the same list, a switch case, fork
 * branches, the next loop pass), completes or fails the workflow — until nothing is left to do.
 */
final class Decider {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Decider() {}

    /** Moves the workflow forward as far as it can go now. */
    static void decide(Step s) {
        if (s.wf.tasks.isEmpty() && s.wf.status == WorkflowStatus.RUNNING) {
            if (s.def.tasks().isEmpty()) {
                complete(s);
                return;
            }
            schedule(s, s.def.tasks().get(0), 0);
        }
        boolean progressed = true;
        while (progressed && s.wf.status == WorkflowStatus.RUNNING) {
            if (s.overBudget()) {
                // a long run of system tasks goes on in the next step, so that other workflows get their turn
                s.continueLater();
                return;
            }
            progressed = false;
            s.wf.index().compact();
            // failures first (as Conductor's decider does): nothing is scheduled in a step that ends the workflow
            for (int pass = 0; pass < 2; pass++) {
                // walked by index: tasks appended meanwhile are seen in this pass, as in the task list itself
                List<TaskState> open = s.wf.index().open();
                for (int i = 0; i < open.size() && s.wf.status == WorkflowStatus.RUNNING && !s.overBudget(); i++) {
                    TaskState t = open.get(i);
                    if (t.status.isTerminal() && !t.executed && !t.retried && (pass == 1 || !t.status.isSuccessful())) {
                        t.executed = true;
                        continueAfter(s, t);
                        progressed = true;
                        open = s.wf.index().open(); // the list was rebuilt if the step restructured the tasks
                    }
                }
            }
            if (s.wf.status == WorkflowStatus.RUNNING && Joins.checkAll(s)) {
                progressed = true;
            }
        }
        // attempts held back while the workflow was paused go out now, once it is clear it still runs
        if (s.wf.status == WorkflowStatus.RUNNING) {
            for (TaskState t : s.wf.index().openSnapshot()) {
                TimerProcessor.dispatchIfRunning(s, t);
            }
        }
    }

    /** What follows a task that has ended. */
    private static void continueAfter(Step s, TaskState t) {
        TotalTimeouts.disarm(s, t);
        if (t.compensationOf != null) {
            Compensations.afterCompensation(s, t);
            return;
        }
        boolean permissive = !t.status.isSuccessful() && isPermissive(s, t);
        if (t.status == TaskStatus.CANCELED && !permissive) {
            end(s, WorkflowStatus.TERMINATED, failureReason(t), EventType.WORKFLOW_TERMINATED);
            return;
        }
        if (!t.status.isSuccessful() && !permissive) {
            if (t.status == TaskStatus.TIMED_OUT) {
                end(s, WorkflowStatus.TIMED_OUT, failureReason(t), EventType.WORKFLOW_TIMED_OUT);
            } else {
                fail(s, failureReason(t));
            }
            return;
        }
        Graph.Node node = s.graph.node(t.defRef);
        if (node == null) {
            return; // a dynamically forked task: its JOIN decides
        }
        switch (node.task().kind()) {
            case SWITCH, DECISION -> {
                List<WorkflowTask> branch = Switches.selectedBranch(node.task(), t);
                if (branch == null || branch.isEmpty()) {
                    next(s, node, t.iteration);
                } else {
                    schedule(s, branch.get(0), t.iteration);
                }
            }
            case FORK_JOIN -> Forks.startBranches(s, node, t);
            case FORK_JOIN_DYNAMIC -> Forks.startDynamicBranches(s, node, t);
            // a DO_WHILE task's own iteration is its current pass; what follows it runs in the enclosing pass
            case DO_WHILE -> next(s, node, enclosingPass(s, node));
            default -> next(s, node, t.iteration);
        }
    }

    /** Whether a task's failure lets the flow go on (Conductor's permissive tasks); see {@link #complete}. */
    static boolean isPermissive(Step s, TaskState t) {
        WorkflowTask wt = s.workflowTask(t);
        return wt != null && wt.failsPermissively();
    }

    /**
     * Conductor's reason for failing a workflow that reached its end with permissive tasks that failed (the newest
     * attempt of each), or null when there are none.
     */
    private static String permissiveFailures(Step s) {
        Map<String, TaskState> newest = new java.util.LinkedHashMap<>();
        for (TaskState t : s.wf.tasks) {
            if (isPermissive(s, t)) {
                newest.merge(t.referenceTaskName, t, (a, b) -> b.retryCount >= a.retryCount ? b : a);
            }
        }
        StringBuilder reason = new StringBuilder();
        for (TaskState t : newest.values()) {
            if (t.status.isTerminal() && !t.status.isSuccessful()) {
                if (reason.length() > 0) {
                    reason.append(". ");
                }
                reason.append("Task ")
                        .append(t.taskId)
                        .append(" failed with status: ")
                        .append(t.status.name())
                        .append(" and reason: '")
                        .append(t.reasonForIncompletion)
                        .append("'");
            }
        }
        return reason.length() == 0 ? null : reason.toString();
    }

    /** The current pass of the loop around a node, 0 outside loops. */
    static int enclosingPass(Step s, Graph.Node node) {
        Graph.Node loop = node.enclosingLoop();
        TaskState loopTask = loop == null ? null : latestByDefRef(s, loop.task().taskReferenceName());
        return loopTask == null ? 0 : loopTask.iteration;
    }

    /** Schedules what comes after {@code node} in its list, or closes the operator that holds the list. */
    static void next(Step s, Graph.Node node, int iteration) {
        WorkflowTask sibling = node.nextSibling();
        if (sibling != null) {
            schedule(s, sibling, iteration);
            return;
        }
        Graph.Node parent = node.parent();
        if (parent == null) {
            if (noOpenTasks(s)) {
                complete(s);
            }
            return;
        }
        switch (parent.task().kind().children()) {
            case BRANCHES -> next(s, parent, iteration);
            case LOOP -> Loops.endOfPass(s, parent);
            case FORK, NONE -> {
                // The end of a fork branch: the JOIN after the fork decides (Joins.checkAll).
            }
        }
    }

    private static boolean noOpenTasks(Step s) {
        for (TaskState t : s.wf.index().open()) {
            if (!t.status.isTerminal()) {
                return false;
            }
        }
        return true;
    }

    /** Creates a task for a definition entry and starts it: worker tasks are sent, system tasks run. */
    static TaskState schedule(Step s, WorkflowTask wt, int iteration) {
        TaskState skipped = skippedAhead(s, wt, iteration);
        if (skipped != null) {
            next(s, s.graph.node(wt.taskReferenceName()), iteration);
            return skipped;
        }
        String unschedulable = unschedulable(s, wt);
        if (unschedulable != null) {
            fail(s, unschedulable); // as in Conductor, the task is not even scheduled
            return null;
        }
        TaskState t = newTask(s, wt, iteration);
        s.event(EventType.TASK_SCHEDULED, t, t.inputData, null);
        long size = PayloadSizes.of(t.inputData);
        if (size > s.settings.payloads().taskInput()) {
            t.inputData = NODES.objectNode();
            finishTask(
                    s,
                    t,
                    TaskStatus.FAILED_WITH_TERMINAL_ERROR,
                    null,
                    PayloadSizes.taskTooLarge(
                            size,
                            t.taskId,
                            s.wf.workflowId,
                            s.settings.payloads().taskInput()));
            return t;
        }
        SystemTasks.start(s, wt, t);
        mapWith(s, wt, t);
        return t;
    }

    /**
     * As Conductor's task mappers, which map a fork's branches (and its JOIN) and a switch's chosen case together with
     * the fork or switch: their first tasks are scheduled right after it, ahead of what is scheduled after it (the next
     * branch of an enclosing fork, its JOIN).
     */
    private static void mapWith(Step s, WorkflowTask wt, TaskState t) {
        if (t.status != TaskStatus.COMPLETED || t.executed || s.wf.status != WorkflowStatus.RUNNING) {
            return;
        }
        boolean mapped = switch (wt.kind()) {
            case FORK_JOIN, FORK_JOIN_DYNAMIC -> true;
            case SWITCH, DECISION -> {
                List<WorkflowTask> branch = Switches.selectedBranch(wt, t);
                yield branch != null && !branch.isEmpty();
            }
            default -> false;
        };
        if (mapped) {
            t.executed = true;
            continueAfter(s, t);
        }
    }

    /**
     * Why Conductor could not schedule a task at all (its task mapper fails the workflow): a dynamic
     * fork with invalid input, a DYNAMIC task whose name input is missing, a SUB_WORKFLOW whose
     * definition does not exist. Null when it can be scheduled.
     */
    private static String unschedulable(Step s, WorkflowTask wt) {
        return switch (wt.kind()) {
            case FORK_JOIN_DYNAMIC -> Forks.invalidDynamicInput(wt, taskInput(s, wt, null));
            case DYNAMIC -> SystemTasks.unresolvableDynamic(wt, taskInput(s, wt, null));
            case SUB_WORKFLOW -> Children.missingDefinition(s, wt);
            default -> null;
        };
    }

    /** A task an operator skipped before its turn: the flow moves past it. */
    private static TaskState skippedAhead(Step s, WorkflowTask wt, int iteration) {
        String ref = iteration > 0 ? wt.taskReferenceName() + "__" + iteration : wt.taskReferenceName();
        TaskState t = s.wf.index().latestByRef(ref);
        return t != null && t.status == TaskStatus.SKIPPED ? t : null;
    }

    /** A new task entry (not yet started) for a definition entry, with its input resolved. */
    static TaskState newTask(Step s, WorkflowTask wt, int iteration) {
        TaskState t = new TaskState();
        t.taskId = s.newId("task");
        t.defRef = wt.taskReferenceName();
        t.iteration = iteration;
        t.referenceTaskName = iteration > 0 ? wt.taskReferenceName() + "__" + iteration : wt.taskReferenceName();
        t.taskType = wt.typeOrDefault();
        t.taskDefName = wt.name() == null ? t.taskType : wt.name();
        t.status = TaskStatus.SCHEDULED;
        t.scheduledTime = s.now;
        t.firstScheduledTime = s.now;
        t.inputData = taskInput(s, wt, t.taskId);
        add(s, t);
        Slas.arm(s, wt, t);
        TotalTimeouts.arm(s, t);
        return t;
    }

    /** Appends a task to the workflow's list, numbering it. */
    static void add(Step s, TaskState t) {
        s.wf.addTask(t);
        t.seq = s.wf.tasks.size();
        s.scheduled();
    }

    /** Resolves a task's input from its inputParameters, then fills gaps from its definition's inputTemplate. */
    static ObjectNode taskInput(Step s, WorkflowTask wt, String taskId) {
        ObjectNode parameters = withMappedFields(wt);
        TaskDef td = wt.taskDefinition() != null
                ? wt.taskDefinition()
                : s.definitions
                        .task(wt.name() == null ? wt.typeOrDefault() : wt.name())
                        .orElse(null);
        ObjectNode template =
                td == null || td.inputTemplate() == null || td.inputTemplate().isEmpty() ? null : td.inputTemplate();
        if (template != null) {
            // as Conductor: the template fills the parameters that are missing (or null) before they are resolved
            parameters = parameters == null ? NODES.objectNode() : parameters.deepCopy();
            Iterator<Map.Entry<String, JsonNode>> it = template.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (parameters.path(e.getKey()).isNull()
                        || parameters.path(e.getKey()).isMissingNode()) {
                    parameters.set(e.getKey(), e.getValue().deepCopy());
                }
            }
        }
        ObjectNode context = s.context(parameters);
        context.put("CPEWF_TASK_ID", taskId);
        ObjectNode input = ParameterResolver.resolve(parameters, context);
        if (template != null) {
            // and a parameter that resolves to null takes the template's value as written
            Iterator<Map.Entry<String, JsonNode>> it = input.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNull() && template.has(e.getKey())) {
                    e.setValue(template.get(e.getKey()).deepCopy());
                }
            }
        }
        return input;
    }

    /**
     * The parameters as Conductor's mappers see them: an HTTP task's gain {@code asyncComplete}, an EVENT's
     * {@code sink} and {@code asyncComplete}, taken from the definition entry whatever the parameters say.
     */
    private static ObjectNode withMappedFields(WorkflowTask wt) {
        TaskKind kind = wt.kind();
        if (kind != TaskKind.HTTP && kind != TaskKind.EVENT) {
            return wt.inputParameters();
        }
        ObjectNode parameters = wt.inputParameters() == null
                ? NODES.objectNode()
                : wt.inputParameters().deepCopy();
        if (kind == TaskKind.EVENT) {
            parameters.put("sink", wt.sink());
        }
        parameters.put("asyncComplete", Boolean.TRUE.equals(wt.asyncComplete()));
        return parameters;
    }

    /** The newest task made from a definition entry. */
    static TaskState latestByDefRef(Step s, String defRef) {
        return s.wf.index().latestByDefRef(defRef);
    }

    /** Ends a task now (system tasks), recording the event. */
    static void finishTask(Step s, TaskState t, TaskStatus status, ObjectNode output, String reason) {
        t.status = status;
        if (output != null) {
            t.outputData = output;
        }
        t.reasonForIncompletion = reason;
        if (t.startTime == 0) {
            t.startTime = s.now;
        }
        t.endTime = s.now;
        Timeouts.disarmTask(s, t);
        EventType type = status.isSuccessful()
                ? EventType.TASK_COMPLETED
                : status == TaskStatus.TIMED_OUT
                        ? EventType.TASK_TIMED_OUT
                        : status == TaskStatus.CANCELED ? EventType.TASK_CANCELED : EventType.TASK_FAILED;
        s.event(type, t, t.outputData, reason);
    }

    /** Conductor's reason for a workflow that a task's failure ends, naming the status the workflow ends with. */
    private static String failureReason(TaskState t) {
        String status = t.status == TaskStatus.TIMED_OUT
                ? "TIMED_OUT"
                : t.status == TaskStatus.CANCELED ? "TERMINATED" : "FAILED";
        return "Task " + t.taskId + " failed with status: " + status + " and reason: '" + t.reasonForIncompletion + "'";
    }

    static void complete(Step s) {
        String permissiveFailures = permissiveFailures(s);
        if (permissiveFailures != null) {
            fail(s, permissiveFailures); // as Conductor: the workflow reached its end, but a permissive task failed
            return;
        }
        ObjectNode output = workflowOutput(s);
        long size = PayloadSizes.of(output);
        if (size > s.settings.payloads().workflowOutput()) {
            end(
                    s,
                    WorkflowStatus.FAILED,
                    PayloadSizes.workflowTooLarge(
                            size, s.wf.workflowId, s.settings.payloads().workflowOutput()),
                    EventType.WORKFLOW_FAILED);
            return;
        }
        s.wf.status = WorkflowStatus.COMPLETED;
        s.wf.endTime = s.now;
        s.wf.output = output;
        s.cancelAllTimers();
        s.event(EventType.WORKFLOW_COMPLETED, null, s.wf.output, null);
        notifyParent(s);
    }

    private static ObjectNode workflowOutput(Step s) {
        if (s.def.outputParameters() != null && !s.def.outputParameters().isEmpty()) {
            return ParameterResolver.resolve(s.def.outputParameters(), s.context(s.def.outputParameters()));
        }
        for (int i = s.wf.tasks.size() - 1; i >= 0; i--) {
            TaskState t = s.wf.tasks.get(i);
            if (!t.retried) {
                return t.outputData == null ? NODES.objectNode() : t.outputData.deepCopy();
            }
        }
        return NODES.objectNode();
    }

    static void fail(Step s, String reason) {
        if (!Compensations.begin(s, reason)) {
            end(s, WorkflowStatus.FAILED, reason, EventType.WORKFLOW_FAILED);
        }
    }

    /** Ends the workflow with a terminal status other than COMPLETED: open tasks are canceled, children terminated. */
    static void end(Step s, WorkflowStatus status, String reason, EventType event) {
        end(s, status, reason, event, false);
    }

    /** {@code outputGiven}: the workflow's output is set already (a TERMINATE's), even when empty. */
    static void end(Step s, WorkflowStatus status, String reason, EventType event, boolean outputGiven) {
        s.wf.status = status;
        s.wf.endTime = s.now;
        s.wf.reasonForIncompletion = reason;
        cancelOpenTasks(s, "workflow " + status.name().toLowerCase(java.util.Locale.ROOT));
        // as in Conductor, whose output update stops at a workflow without tasks (one its first mapping failed)
        if (!outputGiven && !s.wf.tasks.isEmpty()) {
            // as in Conductor, a workflow that did not complete still gets its output (when within the limit), computed
            // anew each time it ends: after a retry or rerun it is the output of the run that ended
            ObjectNode output = workflowOutput(s);
            s.wf.output =
                    PayloadSizes.of(output) > s.settings.payloads().workflowOutput() ? NODES.objectNode() : output;
        }
        s.cancelAllTimers();
        if (status == WorkflowStatus.FAILED || status == WorkflowStatus.TIMED_OUT) {
            FailureWorkflows.start(s);
        }
        s.event(event, null, null, reason);
        notifyParent(s);
    }

    /** Marks every task still scheduled or running CANCELED; running sub-workflows are terminated. */
    static void cancelOpenTasks(Step s, String reason) {
        for (TaskState t : s.wf.index().openSnapshot()) {
            if (!t.status.isTerminal()) {
                t.status = TaskStatus.CANCELED;
                t.endTime = s.now;
                t.reasonForIncompletion = null; // as Conductor: the reason is the workflow's (and the event's)
                t.awaitingDispatch = false;
                t.executed = true;
                s.event(EventType.TASK_CANCELED, t, null, reason);
                if (t.kind() == TaskKind.SUB_WORKFLOW && t.subWorkflowId != null) {
                    s.effects.add(new Effect.TerminateWorkflow(t.subWorkflowId, "parent workflow " + reason));
                }
            }
        }
    }

    /**
     * A SUB_WORKFLOW child tells its parent that it has ended; when it did not complete, with the
     * reason Conductor gives the parent's task ({@code Sub workflow <name>.<version>/<id> failure reason: ...}).
     */
    static void notifyParent(Step s) {
        if (s.wf.parentWorkflowId != null && s.wf.parentTaskId != null) {
            String reason = s.wf.status == WorkflowStatus.COMPLETED
                    ? null
                    : "Sub workflow " + s.wf.workflowName + "." + s.wf.workflowVersion + "/" + s.wf.workflowId
                            + " failure reason: " + s.wf.reasonForIncompletion;
            s.effects.add(new Effect.NotifyParent(
                    s.wf.parentWorkflowId,
                    s.wf.parentTaskId,
                    s.wf.workflowId,
                    s.wf.status,
                    s.wf.output == null ? NODES.objectNode() : s.wf.output.deepCopy(),
                    reason));
        }
    }
}
