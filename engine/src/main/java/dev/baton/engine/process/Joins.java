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
 * JOIN waits until every task it joins on has ended well, then outputs each one's output under
 * its reference name (empty outputs left out); a permissive task that failed fails it once all have ended. EXCLUSIVE_JOIN: see {@link ExclusiveJoins}.
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

    private static boolean check(Step s, TaskState join) {
        if (join.kind() == TaskKind.EXCLUSIVE_JOIN) {
            return ExclusiveJoins.check(s, join);
        }
        List<String> refs = joinOn(s, join);
        List<TaskState> joined = new ArrayList<>();
        for (String ref : refs) {
            TaskState t = latestByRef(s, ref, join.iteration);
            if (t == null || !t.status.isTerminal() || t.retried) {
                return false;
            }
            joined.add(t);
        }
        ObjectNode out = NODES.objectNode();
        for (int i = 0; i < joined.size(); i++) {
            TaskState t = joined.get(i);
            String ref = refs.get(i);
            if (t.outputData != null && !t.outputData.isEmpty()) {
                out.set(ref, t.outputData.deepCopy());
            }
            if (!t.status.isSuccessful()) {
                // only a permissive task's failure gets here (any other ends the workflow at once): as in Conductor,
                // once all have ended the join fails with the reasons of all that failed, its output taken so far
                StringBuilder reasons = new StringBuilder();
                for (TaskState f : joined) {
                    if (!f.status.isSuccessful() && f.reasonForIncompletion != null) {
                        reasons.append(reasons.length() > 0 ? " " : "").append(f.reasonForIncompletion);
                    }
                }
                Decider.finishTask(s, join, TaskStatus.FAILED, out, reasons.toString());
                return true;
            }
        }
        Decider.finishTask(s, join, TaskStatus.COMPLETED, out, null);
        return true;
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
