package dev.baton.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Conductor 3.32.1 refuses when a workflow definition is registered, beyond what Baton needs to run it: a task
 * without a name, a SWITCH without evaluatorType or cases, an HTTP task without a request, a TERMINATE whose status is
 * not a literal, a negative startDelay, and an input parameter naming a task reference the workflow does not have. In
 * Conductor's words. Checked on registration only: definitions stored earlier still load.
 */
public final class ConductorRegistrationRules {
    /** Splits a value into its {@code ${...}} parts, as Conductor's ConstraintParamUtil does. */
    private static final Pattern PARTS = Pattern.compile("(?=(?<!\\$)\\$\\{)|(?<=\\})");

    private static final Set<String> SYSTEM_PARAMETERS = Set.of("CPEWF_TASK_ID", "NETFLIX_ENV", "NETFLIX_STACK");

    private ConductorRegistrationRules() {}

    public static List<ValidationError> problems(WorkflowDef def) {
        List<ValidationError> errors = new ArrayList<>();
        if (def == null || def.tasks() == null) {
            return errors;
        }
        Set<String> refs = new HashSet<>();
        TaskTree.walk(def.tasks(), "$.tasks", (t, at) -> {
            if (t.taskReferenceName() != null) {
                refs.add(t.taskReferenceName());
            }
        });
        for (int i = 0; i < def.tasks().size(); i++) {
            WorkflowTask t = def.tasks().get(i);
            if (t != null && t.inputParameters() != null) {
                // as Conductor: the top-level tasks' parameters only
                inputReferences(t.inputParameters(), t.name(), refs, "$.tasks[" + i + "].inputParameters", errors);
            }
        }
        TaskTree.walk(def.tasks(), "$.tasks", (t, at) -> check(t, at, errors));
        return errors;
    }

    private static void check(WorkflowTask t, String path, List<ValidationError> errors) {
        String name = t.name();
        if (name == null || name.isBlank()) {
            errors.add(new ValidationError(path + ".name", "WorkflowTask name cannot be empty or null"));
        }
        if (t.startDelay() != null && t.startDelay() < 0) {
            errors.add(new ValidationError(path + ".startDelay", "must be greater than or equal to 0"));
        }
        switch (t.kind()) {
            case SWITCH -> {
                if (t.evaluatorType() == null || t.evaluatorType().isBlank()) {
                    errors.add(new ValidationError(
                            path + ".evaluatorType",
                            "evaluatorType field is required for taskType: SWITCH taskName: " + name));
                }
                if (t.decisionCases() == null || t.decisionCases().isEmpty()) {
                    errors.add(new ValidationError(
                            path + ".decisionCases",
                            "decisionCases should have atleast one task for taskType: SWITCH taskName: " + name));
                }
            }
            case HTTP -> {
                JsonNode in = t.inputParameters();
                if (in == null || (!in.hasNonNull("http_request") && !in.hasNonNull("uri"))) {
                    errors.add(new ValidationError(
                            path + ".inputParameters",
                            "inputParameters.http_request or inputParameters.uri field is required for taskType: HTTP"
                                    + " taskName: " + name));
                }
            }
            case TERMINATE -> {
                JsonNode status =
                        t.inputParameters() == null ? null : t.inputParameters().get("terminationStatus");
                if (status != null && status.isTextual() && status.asText().contains("${")) {
                    errors.add(new ValidationError(
                            path + ".inputParameters.terminationStatus",
                            "terminate task must have an terminationStatus parameter and must be set to COMPLETED or"
                                    + " FAILED, taskName: " + name));
                }
            }
            default -> {}
        }
    }

    /** Conductor's check that every {@code ${ref...}} in a task's parameters names a task of the workflow. */
    private static void inputReferences(
            JsonNode value, String taskName, Set<String> refs, String path, List<ValidationError> errors) {
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
            checkValue(e.getKey(), e.getValue(), taskName, refs, path + "." + e.getKey(), errors);
        }
    }

    private static void checkValue(
            String key, JsonNode value, String taskName, Set<String> refs, String path, List<ValidationError> errors) {
        if (value.isTextual()) {
            for (String part : PARTS.split(value.asText())) {
                if (!part.startsWith("${") || !part.endsWith("}")) {
                    continue;
                }
                String expression = part.substring(2, part.length() - 1);
                if (expression.isBlank()) {
                    errors.add(new ValidationError(
                            path, "key: " + key + " input parameter value: " + expression + " is not valid"));
                    continue;
                }
                String first = expression.split("\\.", -1)[0];
                if (first.equals("workflow") || SYSTEM_PARAMETERS.contains(expression) || refs.contains(first)) {
                    continue;
                }
                errors.add(new ValidationError(
                        path,
                        "taskReferenceName: " + first + " for given task: " + (taskName == null ? "null" : taskName)
                                + " input value: " + key + " of input parameter: " + value.asText()
                                + " is not defined in workflow definition."));
            }
        } else if (value.isObject()) {
            inputReferences(value, taskName, refs, path, errors);
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                checkValue(key, item, taskName, refs, path, errors);
            }
        }
    }
}
