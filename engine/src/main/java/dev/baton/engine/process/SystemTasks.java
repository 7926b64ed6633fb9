package dev.baton.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskKind;
import dev.baton.dsl.WorkflowTask;
import dev.baton.engine.Scripts;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.expr.JavaStrings;
import dev.baton.engine.expr.Secrets;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Starts a newly scheduled task according to its type: worker tasks are sent to their service;
 * system tasks run here, in the engine, and most of them end at once.
 */
final class SystemTasks {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SystemTasks() {}

    static void start(Step s, WorkflowTask wt, TaskState t) {
        switch (t.kind()) {
            case SIMPLE, HTTP -> s.dispatch(t);
            case DYNAMIC -> dynamic(s, wt, t);
            case SWITCH, DECISION -> Switches.evaluate(s, wt, t);
            case FORK_JOIN, FORK_JOIN_DYNAMIC, NOOP ->
                Decider.finishTask(s, t, TaskStatus.COMPLETED, NODES.objectNode(), null);
            case JOIN, HUMAN -> inProgress(s, t);
            case EXCLUSIVE_JOIN -> ExclusiveJoins.start(s, wt, t);
            case DO_WHILE -> Loops.start(s, wt, t);
            case SET_VARIABLE -> setVariable(s, t);
            // run once what is mapped with it is scheduled (the other branches of a fork, its JOIN), as in Conductor
            case TERMINATE ->
                s.afterBranches(() -> {
                    if (!t.status.isTerminal() && s.wf.status == WorkflowStatus.RUNNING) {
                        Terminations.terminate(s, t);
                    }
                });
            case INLINE -> inline(s, t);
            case LAMBDA -> lambda(s, t);
            case JSON_JQ_TRANSFORM -> jq(s, t);
            case WAIT -> Waits.start(s, t);
            case EVENT, KAFKA_PUBLISH -> Publications.publish(s, wt, t);
            case SUB_WORKFLOW, START_WORKFLOW -> Children.start(s, wt, t);
            case USER_DEFINED, UNKNOWN ->
                Decider.finishTask(
                        s,
                        t,
                        TaskStatus.FAILED_WITH_TERMINAL_ERROR,
                        null,
                        "task type " + t.taskType + " is not supported");
        }
    }

    static void inProgress(Step s, TaskState t) {
        t.status = TaskStatus.IN_PROGRESS;
        t.startTime = s.now;
        s.event(EventType.TASK_STARTED, t, null, null);
    }

    /** DYNAMIC: the task name comes from the input parameter that dynamicTaskNameParam names. */
    private static void dynamic(Step s, WorkflowTask wt, TaskState t) {
        String unresolvable = unresolvableDynamic(wt, t.inputData);
        JsonNode name = t.inputData.get(dynamicNameParam(wt));
        if (unresolvable != null || name.asText().isBlank()) {
            Decider.finishTask(
                    s,
                    t,
                    TaskStatus.FAILED_WITH_TERMINAL_ERROR,
                    null,
                    unresolvable != null
                            ? unresolvable
                            : "DYNAMIC task " + t.referenceTaskName + ": input '" + dynamicNameParam(wt)
                                    + "' names no task");
            return;
        }
        t.taskDefName = name.isValueNode() ? name.asText() : JavaStrings.of(name);
        TaskKind resolved = TaskKind.of(t.taskDefName);
        if (RUN_WHEN_NAMED.contains(resolved)) {
            // as Conductor: a dynamic task naming a system task type runs as that task, on its input
            t.taskType = resolved.typeName();
            start(s, wt, t);
            return;
        }
        s.dispatch(t);
    }

    /** System task types a DYNAMIC task may name: those that run on their input alone. */
    private static final java.util.Set<TaskKind> RUN_WHEN_NAMED = java.util.EnumSet.of(
            TaskKind.HTTP,
            TaskKind.INLINE,
            TaskKind.LAMBDA,
            TaskKind.JSON_JQ_TRANSFORM,
            TaskKind.SET_VARIABLE,
            TaskKind.NOOP,
            TaskKind.WAIT,
            TaskKind.HUMAN,
            TaskKind.KAFKA_PUBLISH,
            TaskKind.TERMINATE);

    private static String dynamicNameParam(WorkflowTask wt) {
        return wt.dynamicTaskNameParam() == null ? "taskToExecute" : wt.dynamicTaskNameParam();
    }

    /** Conductor's reason when a DYNAMIC task's input does not name the task to run; null when it does. */
    static String unresolvableDynamic(WorkflowTask wt, ObjectNode input) {
        JsonNode name = input.get(dynamicNameParam(wt));
        if (name != null && !name.isNull()) {
            return null;
        }
        return "Cannot map a dynamic task based on the parameter and input. Parameter= " + dynamicNameParam(wt)
                + ", input= " + JavaStrings.of(input);
    }

    /**
     * SET_VARIABLE merges its input into the workflow's variables. Beyond the variables limit it
     * changes nothing and fails with a terminal error (the workflow fails, unless the task is optional).
     */
    private static void setVariable(Step s, TaskState t) {
        ObjectNode vars = s.wf.variables == null ? NODES.objectNode() : s.wf.variables.deepCopy();
        // as Conductor: the secrets the input names are set into the variables (the task's input keeps the references)
        Iterator<Map.Entry<String, JsonNode>> it = runInput(s, t).fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            vars.set(e.getKey(), e.getValue().deepCopy());
        }
        long size = vars.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (size > s.settings.maxVariablesBytes()) {
            Decider.finishTask(
                    s,
                    t,
                    TaskStatus.FAILED_WITH_TERMINAL_ERROR,
                    null,
                    "The variables payload size: " + size
                            + " of workflow: " + s.wf.workflowId + " is greater than the permissible limit: "
                            + s.settings.maxVariablesBytes() / 1024 + " kilobytes");
            TaskResultProcessor.afterFailure(s, t); // an optional one completes with errors, as in Conductor
            return;
        }
        s.wf.variables = vars;
        s.event(EventType.VARIABLES_UPDATED, t, vars, null);
        Decider.finishTask(s, t, TaskStatus.COMPLETED, NODES.objectNode(), null);
    }

    /**
     * INLINE: {@code expression} evaluated with the task input as {@code $}: JavaScript (evaluatorType javascript or
     * graaljs, the default), or, with value-param, the input the expression names. As Conductor's: a script that
     * fails fails the task for good, with the error in its output.
     */
    private static void inline(Step s, TaskState t) {
        ObjectNode input = runInput(s, t);
        String expression = text(input, "expression");
        String evaluator = text(input, "evaluatorType");
        if ("value-param".equals(evaluator) && expression != null) {
            ObjectNode out = NODES.objectNode();
            out.set("result", input.get(expression));
            Decider.finishTask(s, t, TaskStatus.COMPLETED, out, null);
            return;
        }
        if (evaluator != null && !"javascript".equals(evaluator) && !"graaljs".equals(evaluator)) {
            String reason = "Unknown evaluator '" + evaluator + "' in INLINE task.";
            Decider.finishTask(
                    s,
                    t,
                    TaskStatus.FAILED_WITH_TERMINAL_ERROR,
                    NODES.objectNode().put("error", reason),
                    reason);
            return;
        }
        if (expression == null || expression.isBlank()) {
            String reason = "Empty 'expression' in Inline task's input parameters. A non-empty String value must be"
                    + " provided.";
            Decider.finishTask(
                    s,
                    t,
                    TaskStatus.FAILED_WITH_TERMINAL_ERROR,
                    NODES.objectNode().put("error", reason),
                    reason);
            return;
        }
        runScript(s, t, expression, input, TaskStatus.FAILED_WITH_TERMINAL_ERROR);
    }

    /** LAMBDA: {@code scriptExpression} is a function body (it may {@code return}), run with the task input as {@code $}. */
    private static void lambda(Step s, TaskState t) {
        ObjectNode input = runInput(s, t);
        String body = text(input, "scriptExpression");
        if (body == null || body.isBlank()) {
            // as Conductor: FAILED (retried as its definition says), no output
            Decider.finishTask(
                    s,
                    t,
                    TaskStatus.FAILED,
                    null,
                    "Empty 'scriptExpression' in Lambda task's input parameters. A non-empty String value must be"
                            + " provided.");
            TaskResultProcessor.afterFailure(s, t);
            return;
        }
        runScript(s, t, "function scriptFun() {" + body + "\n} scriptFun();", input, TaskStatus.FAILED);
    }

    /** {@code failed}: the status a script that fails leaves the task in (FAILED is retried as its definition says). */
    private static void runScript(Step s, TaskState t, String expression, ObjectNode input, TaskStatus failed) {
        try {
            JsonNode result = s.scripts.javascript(expression, input);
            ObjectNode out = NODES.objectNode();
            out.set("result", result);
            Decider.finishTask(s, t, TaskStatus.COMPLETED, out, null);
        } catch (Scripts.ScriptFailure e) {
            String reason = ScriptErrors.conductorWords(e.getMessage());
            Decider.finishTask(s, t, failed, NODES.objectNode().put("error", reason), reason);
            if (failed == TaskStatus.FAILED) {
                TaskResultProcessor.afterFailure(s, t);
            }
        }
    }

    /** JSON_JQ_TRANSFORM: {@code queryExpression} run over the task input. */
    private static void jq(Step s, TaskState t) {
        ObjectNode input = runInput(s, t);
        String query = text(input, "queryExpression");
        if (query == null) {
            Decider.finishTask(
                    s,
                    t,
                    TaskStatus.FAILED_WITH_TERMINAL_ERROR,
                    null,
                    "JSON_JQ_TRANSFORM task needs a 'queryExpression' input");
            return;
        }
        try {
            List<JsonNode> results = s.scripts.jq(query, input);
            ObjectNode out = NODES.objectNode();
            out.set("result", results.isEmpty() ? NODES.nullNode() : results.get(0));
            out.set("resultList", NODES.arrayNode().addAll(results));
            Decider.finishTask(s, t, TaskStatus.COMPLETED, out, null);
        } catch (Scripts.ScriptFailure e) {
            ObjectNode out = NODES.objectNode();
            out.put("error", e.getMessage());
            t.outputData = out;
            failOrRetry(s, t, e.getMessage());
        }
    }

    /**
     * The input a system task runs with: its stored input with the secrets it names put in (a copy; the stored input
     * keeps the references, as Conductor's).
     */
    private static ObjectNode runInput(Step s, TaskState t) {
        return Secrets.substitute(t.inputData, s.settings.environment());
    }

    /** A system task that failed: retried when its definition allows, else failed for the decider. */
    private static void failOrRetry(Step s, TaskState t, String reason) {
        Decider.finishTask(s, t, TaskStatus.FAILED, t.outputData, reason);
        TaskResultProcessor.afterFailure(s, t);
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static void publish(Step s, Effect.Publish p) {
        s.effects.add(p);
    }
}
