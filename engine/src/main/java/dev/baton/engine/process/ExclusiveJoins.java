package dev.baton.engine.process;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.WorkflowTask;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * EXCLUSIVE_JOIN, as Conductor's: it takes the first task of {@code joinOn} that was scheduled
 * (and not skipped); when that one has not ended, or none was scheduled, the first of
 * {@code defaultExclusiveJoinTask} instead. Once the task it took has ended, the join ends with
 * that task's output, or FAILED with the reasons of its unsuccessful tasks. When it finds no task
 * at all it waits. Its input is what Conductor gives it: {@code joinOn} and
 * {@code defaultExclusiveJoinTask}.
 */
final class ExclusiveJoins {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ExclusiveJoins() {}

    /** The join's input, in place of its inputParameters. */
    static void start(Step s, WorkflowTask wt, TaskState join) {
        ObjectNode input = NODES.objectNode();
        ArrayNode joinOn = input.putArray("joinOn");
        ArrayNode defaults = input.putArray("defaultExclusiveJoinTask");
        if (wt != null && wt.joinOn() != null) {
            wt.joinOn().forEach(joinOn::add);
        }
        if (wt != null && wt.defaultExclusiveJoinTask() != null) {
            wt.defaultExclusiveJoinTask().forEach(defaults::add);
        }
        join.inputData = input;
        SystemTasks.inProgress(s, join);
    }

    /** Ends the join when the task it takes has ended; true when it did. */
    static boolean check(Step s, TaskState join) {
        List<String> joinOn = refs(join, "joinOn");
        TaskState taken = first(s, joinOn, join.iteration);
        String failures = null;
        if (taken != null && taken.status.isTerminal() && !taken.status.isSuccessful()) {
            failures = reasons(s, joinOn, join.iteration);
        }
        if (taken == null || !taken.status.isTerminal()) {
            taken = first(s, refs(join, "defaultExclusiveJoinTask"), join.iteration);
            if (taken != null && taken.status.isTerminal() && !taken.status.isSuccessful()) {
                failures = taken.reasonForIncompletion + " ";
            }
        }
        if (taken == null || !taken.status.isTerminal()) {
            return false;
        }
        if (failures != null) {
            Decider.finishTask(s, join, TaskStatus.FAILED, null, failures);
        } else {
            Decider.finishTask(
                    s,
                    join,
                    TaskStatus.COMPLETED,
                    taken.outputData == null ? NODES.objectNode() : taken.outputData.deepCopy(),
                    null);
        }
        return true;
    }

    /** The first of the references whose task was scheduled and not skipped. */
    private static TaskState first(Step s, List<String> refs, int iteration) {
        for (String ref : refs) {
            TaskState t = Joins.latestByRef(s, ref, iteration);
            if (t != null && t.status != TaskStatus.SKIPPED) {
                return t;
            }
        }
        return null;
    }

    /** Conductor's failure reason: the reasons of the joined tasks that did not end well, space-separated. */
    private static String reasons(Step s, List<String> refs, int iteration) {
        List<String> out = new ArrayList<>();
        for (String ref : refs) {
            TaskState t = Joins.latestByRef(s, ref, iteration);
            if (t != null && !t.status.isSuccessful()) {
                out.add(String.valueOf(t.reasonForIncompletion));
            }
        }
        return String.join(" ", out);
    }

    private static List<String> refs(TaskState join, String field) {
        List<String> refs = new ArrayList<>();
        if (join.inputData != null && join.inputData.get(field) != null) {
            join.inputData.get(field).forEach(r -> refs.add(r.asText()));
        }
        return refs;
    }
}
