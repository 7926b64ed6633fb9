package dev.baton.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.WorkflowTask;
import dev.baton.engine.Scripts;
import dev.baton.engine.expr.ParameterResolver;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowStatus;

/**
 * DO_WHILE: runs its body pass after pass, each pass's tasks suffixed {@code __<pass>}, while
 * its loopCondition (JavaScript) holds after a pass. The loop task stays IN_PROGRESS and reports
 * {@code iteration} and each pass's outputs.
 */
final class Loops {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Loops() {}

    static void start(Step s, WorkflowTask wt, TaskState loop) {
        SystemTasks.inProgress(s, loop);
        ArrayNode items = items(s, wt, loop);
        if (wt.loopOver() == null || wt.loopOver().isEmpty() || (items != null && items.isEmpty())) {
            Decider.finishTask(s, loop, TaskStatus.COMPLETED, NODES.objectNode().put("iteration", 0), null);
            return;
        }
        // as in Conductor, whose DO_WHILE schedules its first pass when it runs, after the tasks mapped with it
        s.afterBranches(() -> {
            if (loop.status == TaskStatus.IN_PROGRESS && s.wf.status == WorkflowStatus.RUNNING) {
                beginPass(s, wt, loop, 1);
            }
        });
    }

    /**
     * The list a DO_WHILE iterates over, if it has one: {@code items} on the task, or in its input. As Conductor, the
     * task's {@code items} are evaluated whenever they are needed (not kept in the loop's input), and a single value
     * stands for a list of one.
     */
    private static ArrayNode items(Step s, WorkflowTask wt, TaskState loop) {
        // the task's items, else (Orkes' form, which Conductor accepts) an _items input, else an items input
        JsonNode items;
        if (wt.items() != null
                && !(wt.items().isTextual() && wt.items().asText().isBlank())) {
            items = ParameterResolver.resolveValue(wt.items(), s.context(wt.items()));
        } else if (loop.inputData.hasNonNull("_items")) {
            items = loop.inputData.get("_items");
        } else {
            JsonNode given = loop.inputData.get("items");
            return given instanceof ArrayNode a ? a : null;
        }
        if (items instanceof ArrayNode a) {
            return a;
        }
        return items == null || items.isNull()
                ? NODES.arrayNode()
                : NODES.arrayNode().add(items);
    }

    private static void beginPass(Step s, WorkflowTask wt, TaskState loop, int pass) {
        loop.iteration = pass;
        ObjectNode out = loop.outputData == null ? NODES.objectNode() : loop.outputData;
        out.put("iteration", pass);
        ArrayNode list = items(s, wt, loop);
        if (list != null) {
            out.set(
                    "loopItem",
                    list.get(pass - 1) == null
                            ? NODES.nullNode()
                            : list.get(pass - 1).deepCopy());
            out.put("loopIndex", pass - 1);
        }
        loop.outputData = out;
        Decider.schedule(s, wt.loopOver().get(0), pass);
    }

    /** The loop's keepLastN, 0 when it keeps every pass. */
    private static int keepLastN(TaskState loop) {
        JsonNode keep = loop.inputData.get("keepLastN");
        return keep == null || !keep.canConvertToInt() || keep.asInt() < 1 ? 0 : keep.asInt();
    }

    /** keepLastN: only the newest passes' outputs stay in the loop's output. */
    private static void forgetOutputs(TaskState loop, int keep) {
        if (keep == 0) {
            return;
        }
        for (int i = 1; i <= loop.iteration - keep; i++) {
            loop.outputData.remove(Integer.toString(i));
        }
    }

    /** keepLastN: only the newest passes' tasks stay in the task list. */
    private static void forgetTasks(Step s, WorkflowTask wt, TaskState loop, int keep) {
        if (keep == 0) {
            return;
        }
        int oldestKept = loop.iteration - keep + 1;
        java.util.Set<String> body = new java.util.HashSet<>();
        dev.baton.dsl.TaskTree.walk(wt.loopOver(), "", (t, at) -> body.add(t.taskReferenceName()));
        if (!s.wf.tasks.removeIf(t -> body.contains(t.defRef) && t.iteration > 0 && t.iteration < oldestKept)) {
            return;
        }
        for (int i = 0; i < s.wf.tasks.size(); i++) {
            s.wf.tasks.get(i).seq = i + 1;
        }
        s.wf.tasksRestructured();
    }

    /** The last task of a pass has ended well: run another pass, or end the loop. */
    static void endOfPass(Step s, Graph.Node loopNode) {
        WorkflowTask wt = loopNode.task();
        TaskState loop = Decider.latestByDefRef(s, wt.taskReferenceName());
        if (loop == null || loop.status.isTerminal()) {
            return;
        }
        ObjectNode passOutputs = NODES.objectNode();
        // as Conductor: every task of the pass, nested ones too (in a switch's case, a fork's branch)
        for (WorkflowTask bodyTask : s.graph.inside(wt.taskReferenceName())) {
            TaskState t = Decider.latestByDefRef(s, bodyTask.taskReferenceName());
            if (t != null && t.iteration == loop.iteration) {
                passOutputs.set(
                        bodyTask.taskReferenceName(),
                        t.outputData == null ? NODES.objectNode() : t.outputData.deepCopy());
            }
        }
        loop.outputData.set(Integer.toString(loop.iteration), passOutputs);
        boolean again;
        try {
            ArrayNode list = items(s, wt, loop);
            if (list != null) {
                again = loop.iteration < list.size()
                        && (wt.loopCondition() == null || wt.loopCondition().isBlank() || condition(s, wt, loop));
            } else {
                again = condition(s, wt, loop);
            }
        } catch (Scripts.ScriptFailure e) {
            // Conductor's words
            String reason = "Unable to evaluate condition " + wt.loopCondition() + ", exception "
                    + ScriptErrors.conductorWords(e.getMessage());
            Decider.finishTask(s, loop, TaskStatus.FAILED_WITH_TERMINAL_ERROR, loop.outputData, reason);
            return;
        }
        // keepLastN, as Conductor 3.32.1 shows it: the outputs of the passes before the newest keepLastN go when a pass
        // ends; their tasks go once the next pass runs (so while it runs, its own pass counts among the kept)
        int keep = keepLastN(loop);
        forgetOutputs(loop, keep);
        if (again) {
            beginPass(s, wt, loop, loop.iteration + 1);
        }
        forgetTasks(s, wt, loop, keep);
        if (!again && !loop.status.isTerminal()) {
            Decider.finishTask(s, loop, TaskStatus.COMPLETED, loop.outputData, null);
        }
    }

    /**
     * Evaluates the loop condition with {@code $} holding the loop's input, each body task's (nested ones too)
     * latest output under its plain reference, and the loop's own output (with iteration).
     */
    private static boolean condition(Step s, WorkflowTask wt, TaskState loop) throws Scripts.ScriptFailure {
        if (wt.loopCondition() == null || wt.loopCondition().isBlank()) {
            return false;
        }
        // shallow: the script sees these documents read-only, so nothing is copied (a long loop's output is large)
        ObjectNode context = NODES.objectNode();
        if (loop.inputData != null) {
            context.setAll(loop.inputData);
        }
        for (WorkflowTask bodyTask : s.graph.inside(wt.taskReferenceName())) {
            TaskState t = Decider.latestByDefRef(s, bodyTask.taskReferenceName());
            if (t != null) {
                context.set(bodyTask.taskReferenceName(), t.outputData == null ? NODES.objectNode() : t.outputData);
            }
        }
        context.set(wt.taskReferenceName(), loop.outputData);
        ArrayNode list = loop.inputData == null ? null : items(s, wt, loop);
        if (list != null) {
            // as Conductor: a loop over items shows the condition the pass's index and item
            int index = loop.iteration - 1;
            context.put("loopIndex", index);
            if (index >= 0 && index < list.size()) {
                context.set("loopItem", list.get(index));
            }
        }
        JsonNode result = s.scripts.javascript(wt.loopCondition(), context);
        return result != null
                && (result.isBoolean() ? result.asBoolean() : result.asText().equals("true"));
    }
}
