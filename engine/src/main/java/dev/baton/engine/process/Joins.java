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
 * its reference name (empty outputs left out). EXCLUSIVE_JOIN: see {@link ExclusiveJoins}.
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
        ObjectNode out = NODES.objectNode();
        for (String ref : joinOn(s, join)) {
            TaskState t = latestByRef(s, ref, join.iteration);
            if (t == null || !t.status.isSuccessful() || t.retried) {
                return false;
            }
            if (t.outputData != null && !t.outputData.isEmpty()) {
                out.set(ref, t.outputData.deepCopy());
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
