package dev.baton.engine.process;

import dev.baton.engine.Scripts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.WorkflowTask;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;

/**
 * DO_WHILE: runs its body pass after pass, each pass's tasks suffixed {@code __<pass>}, while
 * its loopCondition (JavaScript) holds after a pass. The loop task stays IN_PROGRESS and reports
 * {@code iteration} and each pass's outputs.
 */
final class Loops {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Loops() {
    }

    static void start(Step s, WorkflowTask wt, TaskState loop) {
        SystemTasks.inProgress(s, loop);
        if (wt.loopOver() == null || wt.loopOver().isEmpty()) {
            Decider.finishTask(s, loop, TaskStatus.COMPLETED, NODES.objectNode().put("iteration", 0), null);
            return;
        }
        beginPass(s, wt, loop, 1);
    }

    private static void beginPass(Step s, WorkflowTask wt, TaskState loop, int pass) {
        loop.iteration = pass;
        ObjectNode out = loop.outputData == null ? NODES.objectNode() : loop.outputData;
        out.put("iteration", pass);
        loop.outputData = out;
        Decider.schedule(s, wt.loopOver().get(0), pass);
    }

    /** The last task of a pass has ended well: run another pass, or end the loop. */
    static void endOfPass(Step s, Graph.Node loopNode) {
        WorkflowTask wt = loopNode.task();
        TaskState loop = Decider.latestByDefRef(s, wt.taskReferenceName());
        if (loop == null || loop.status.isTerminal()) {
            return;
        }
        ObjectNode passOutputs = NODES.objectNode();
        for (WorkflowTask bodyTask : wt.loopOver()) {
            TaskState t = Decider.latestByDefRef(s, bodyTask.taskReferenceName());
            if (t != null && t.iteration == loop.iteration) {
                passOutputs.set(bodyTask.taskReferenceName(), t.outputData == null ? NODES.objectNode() : t.outputData.deepCopy());
            }
        }
        loop.outputData.set(Integer.toString(loop.iteration), passOutputs);
        boolean again;
        try {
            again = condition(s, wt, loop);
        } catch (Scripts.ScriptFailure e) {
            Decider.finishTask(s, loop, TaskStatus.FAILED_WITH_TERMINAL_ERROR, loop.outputData, e.getMessage());
            return;
        }
        if (again) {
            beginPass(s, wt, loop, loop.iteration + 1);
        } else {
            Decider.finishTask(s, loop, TaskStatus.COMPLETED, loop.outputData, null);
        }
    }

    /**
     * Evaluates the loop condition with {@code $} holding the loop's input, each body task's
     * latest output under its plain reference, and the loop's own output (with iteration).
     */
    private static boolean condition(Step s, WorkflowTask wt, TaskState loop) throws Scripts.ScriptFailure {
        if (wt.loopCondition() == null || wt.loopCondition().isBlank()) {
            return false;
        }
        ObjectNode context = loop.inputData == null ? NODES.objectNode() : loop.inputData.deepCopy();
        for (WorkflowTask bodyTask : wt.loopOver()) {
            TaskState t = Decider.latestByDefRef(s, bodyTask.taskReferenceName());
            if (t != null) {
                context.set(bodyTask.taskReferenceName(), t.outputData == null ? NODES.objectNode() : t.outputData.deepCopy());
            }
        }
        context.set(wt.taskReferenceName(), loop.outputData.deepCopy());
        JsonNode result = s.scripts.javascript(wt.loopCondition(), context);
        return result != null && (result.isBoolean() ? result.asBoolean() : result.asText().equals("true"));
    }
}
