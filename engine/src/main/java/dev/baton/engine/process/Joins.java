package dev.baton.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskKind;
import dev.baton.dsl.WorkflowTask;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * JOIN waits until every task it joins on has ended well, and outputs each one's output under
 * its reference name (empty outputs left out); a permissive task that failed fails it once all have ended.
 * EXCLUSIVE_JOIN: see {@link ExclusiveJoins}.
 */
final class Joins {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Joins() {}

    /** Completes every waiting join whose tasks are done; true when any did. */
    static boolean checkAll(Step s) {
        boolean changed = false;
        for (TaskState t : s.wf.index().openSnapshot()) {
            if (t.status == TaskStatus.IN_PROGRESS && t.kind().isJoin()) {
                changed |= check(s, t);
            }
        }
        return changed;
    }

    /**
     * As Conductor's JOIN, evaluated at every step: it takes each joined task's output as soon as it has one (under
     * the reference it joins on, with the loop pass when inside a loop); it fails once a joined task has failed for good
     * (a permissive one: once all have ended), and completes once all have ended — with errors when an optional one
     * completed with errors. True when it changed.
     */
    private static boolean check(Step s, TaskState join) {
        if (join.kind() == TaskKind.EXCLUSIVE_JOIN) {
            return ExclusiveJoins.check(s, join);
        }
        List<String> refs = joinOn(s, join);
        List<TaskState> joined = new ArrayList<>(refs.size());
        boolean allEnded = true;
        for (String ref : refs) {
            TaskState t = latestByRef(s, ref, join.iteration);
            joined.add(t);
            allEnded &= ended(t);
        }
        String pass = join.iteration > 0 ? "__" + join.iteration : "";
        ObjectNode out = join.outputData == null ? NODES.objectNode() : join.outputData;
        boolean took = false;
        StringBuilder withErrors = new StringBuilder();
        for (int i = 0; i < joined.size(); i++) {
            TaskState t = joined.get(i);
            if (t == null) {
                continue;
            }
            String key = refs.get(i) + pass;
            JsonNode taken = out.get(key);
            // a task that ended before this step and was taken then is not copied again (a fork of many branches
            // would copy every output at every step)
            boolean changed = taken == null || !ended(t) || t.endTime >= s.now;
            if (changed && t.outputData != null && !t.outputData.isEmpty() && !t.outputData.equals(taken)) {
                out.set(key, t.outputData.deepCopy());
                took = true;
            }
            boolean optional = isOptional(s, t);
            if (ended(t) && !t.status.isSuccessful() && !optional && (!Decider.isPermissive(s, t) || allEnded)) {
                fail(s, join, joined, out);
                return true;
            }
            if (optional && t.status == TaskStatus.COMPLETED_WITH_ERRORS) {
                withErrors.append(t.taskDefName).append('/').append(t.taskId).append(' ');
            }
        }
        if (allEnded) {
            if (withErrors.length() > 0) {
                Decider.finishTask(
                        s, join, TaskStatus.COMPLETED_WITH_ERRORS, out, withErrors + "completed with errors");
            } else {
                Decider.finishTask(s, join, TaskStatus.COMPLETED, out, null);
            }
            return true;
        }
        join.outputData = out;
        return took;
    }

    /** Fails the join with the reasons of every joined task that failed; CANCELED when all those were canceled. */
    private static void fail(Step s, TaskState join, List<TaskState> joined, ObjectNode out) {
        StringBuilder reasons = new StringBuilder();
        boolean failed = false;
        for (TaskState f : joined) {
            if (f == null || !f.status.isTerminal() || f.status.isSuccessful()) {
                continue;
            }
            if (f.reasonForIncompletion != null) {
                reasons.append(reasons.length() > 0 ? " " : "").append(f.reasonForIncompletion);
            }
            failed |= !isOptional(s, f) && f.status != TaskStatus.CANCELED;
        }
        Decider.finishTask(s, join, failed ? TaskStatus.FAILED : TaskStatus.CANCELED, out, reasons.toString());
    }

    private static boolean ended(TaskState t) {
        return t != null && t.status.isTerminal() && !t.retried;
    }

    private static boolean isOptional(Step s, TaskState t) {
        WorkflowTask wt = s.workflowTask(t);
        return wt != null && wt.isOptional();
    }

    private static List<String> joinOn(Step s, TaskState join) {
        List<String> refs = new ArrayList<>();
        JsonNode dynamic = join.inputData == null ? null : join.inputData.get("joinOn");
        if (dynamic != null && dynamic.isArray()) {
            dynamic.forEach(r -> refs.add(r.asText()));
            return refs;
        }
        WorkflowTask wt = s.workflowTask(join);
        if (wt != null && wt.joinOn() != null) {
            refs.addAll(wt.joinOn());
        }
        return refs;
    }

    /** The newest task for a reference, in the same loop pass as the join when inside a loop. */
    static TaskState latestByRef(Step s, String ref, int iteration) {
        String suffixed = iteration > 0 ? ref + "__" + iteration : ref;
        TaskState a = s.wf.index().latestByRef(suffixed);
        TaskState b = s.wf.index().latestByRef(ref);
        return a == null ? b : b == null || a.pos > b.pos ? a : b;
    }
}
