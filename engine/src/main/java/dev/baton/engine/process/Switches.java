package dev.baton.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskKind;
import dev.baton.dsl.WorkflowTask;
import dev.baton.engine.Scripts;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import java.util.List;

/**
 * SWITCH and DECISION: pick a case from a value (value-param / caseValueParam) or a JavaScript
 * expression. The case is compared by its string form: null is "null", true is "true", 1 is "1".
 */
final class Switches {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Switches() {}

    static void evaluate(Step s, WorkflowTask wt, TaskState t) {
        JsonNode value;
        try {
            value = caseValue(s, wt, t);
        } catch (Scripts.ScriptFailure e) {
            // Conductor's SWITCH mapper schedules the switch FAILED; its DECISION mapper fails the workflow
            TaskStatus failed =
                    t.kind() == TaskKind.DECISION ? TaskStatus.FAILED_WITH_TERMINAL_ERROR : TaskStatus.FAILED;
            Decider.finishTask(s, t, failed, null, e.getMessage());
            return;
        }
        String selected = caseString(value);
        ObjectNode out = NODES.objectNode();
        if (t.kind() == TaskKind.DECISION) {
            out.putArray("caseOutput").add(selected);
            t.inputData = NODES.objectNode(); // Conductor's DECISION shows only the case it chose
        } else {
            out.putArray("evaluationResult").add(selected);
            out.put("selectedCase", selected);
        }
        t.inputData.put("case", selected);
        t.outputData = out;
        List<WorkflowTask> branch = selectedBranch(wt, t);
        if (branch != null && !branch.isEmpty()) {
            t.inputData.put("hasChildren", "true");
        }
        Decider.finishTask(s, t, TaskStatus.COMPLETED, out, null);
    }

    private static JsonNode caseValue(Step s, WorkflowTask wt, TaskState t) throws Scripts.ScriptFailure {
        if (t.kind() == TaskKind.DECISION) {
            if (wt.caseValueParam() != null && !wt.caseValueParam().isBlank()) {
                return t.inputData.get(wt.caseValueParam());
            }
            return s.scripts.javascript(wt.caseExpression(), t.inputData);
        }
        String evaluator = wt.evaluatorType() == null ? "value-param" : wt.evaluatorType();
        if ("javascript".equals(evaluator) || "graaljs".equals(evaluator)) {
            return s.scripts.javascript(wt.expression(), t.inputData);
        }
        return t.inputData.get(wt.expression());
    }

    static String caseString(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "null";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** The case list a finished switch chose: the matching case, else the default case (null when neither). */
    static List<WorkflowTask> selectedBranch(WorkflowTask wt, TaskState t) {
        JsonNode out = t.outputData;
        String selected = null;
        if (out != null && out.has("selectedCase")) {
            selected = out.get("selectedCase").asText();
        } else if (out != null && out.has("caseOutput") && out.get("caseOutput").size() > 0) {
            selected = out.get("caseOutput").get(0).asText();
        }
        List<WorkflowTask> chosen = selected != null && wt.decisionCases() != null
                ? wt.decisionCases().get(selected)
                : null;
        // SWITCH: an empty case is a choice (nothing runs); DECISION: it falls back to the default case
        if (chosen != null && (!chosen.isEmpty() || wt.kind() != TaskKind.DECISION)) {
            return chosen;
        }
        return wt.defaultCase();
    }
}
