package dev.baton.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/** What each operator needs in its definition entry (checked after the common rules). */
final class OperatorRules {
    private static final Set<String> EVALUATORS = Set.of("value-param", "javascript", "graaljs");

    private OperatorRules() {}

    static void check(WorkflowTask t, String path, List<ValidationError> errors) {
        switch (t.kind()) {
            case SWITCH -> {
                String evaluator = t.evaluatorType() == null ? "value-param" : t.evaluatorType();
                if (!EVALUATORS.contains(evaluator)) {
                    errors.add(new ValidationError(
                            path + ".evaluatorType",
                            "unknown evaluatorType '" + evaluator + "' (expected value-param, javascript or graaljs)"));
                }
                require(t.expression(), path + ".expression", "a SWITCH needs an expression", errors);
                requireCases(t, path, errors);
            }
            case DECISION -> {
                if (blank(t.caseValueParam()) && blank(t.caseExpression())) {
                    errors.add(new ValidationError(
                            path + ".caseValueParam", "a DECISION needs caseValueParam or caseExpression"));
                }
                requireCases(t, path, errors);
            }
            case FORK_JOIN -> {
                if (t.forkTasks() == null || t.forkTasks().isEmpty()) {
                    errors.add(new ValidationError(path + ".forkTasks", "a FORK_JOIN needs forkTasks"));
                }
            }
            // Conductor's simple form names its tasks with forkTaskName / forkTaskWorkflow and forkTaskInputs
            case FORK_JOIN_DYNAMIC -> {
                if (t.inputParameters() != null && t.inputParameters().has("forkTaskInputs")) {
                    break;
                }
                require(
                        t.dynamicForkTasksParam(),
                        path + ".dynamicForkTasksParam",
                        "a FORK_JOIN_DYNAMIC needs dynamicForkTasksParam",
                        errors);
                require(
                        t.dynamicForkTasksInputParamName(),
                        path + ".dynamicForkTasksInputParamName",
                        "a FORK_JOIN_DYNAMIC needs dynamicForkTasksInputParamName",
                        errors);
            }
            case WAIT -> waitTimes(t, path, errors);
            case DO_WHILE -> {
                boolean hasItems = t.items() != null
                        || (t.inputParameters() != null
                                && (t.inputParameters().has("items")
                                        || t.inputParameters().has("_items")));
                if (!hasItems) {
                    require(
                            t.loopCondition(),
                            path + ".loopCondition",
                            "a DO_WHILE needs a loopCondition (or items)",
                            errors);
                }
                if (t.loopOver() == null || t.loopOver().isEmpty()) {
                    errors.add(new ValidationError(path + ".loopOver", "a DO_WHILE needs tasks in loopOver"));
                }
            }
            case SUB_WORKFLOW -> {
                JsonNode p = t.subWorkflowParam();
                if (p == null || !p.isObject()) {
                    errors.add(
                            new ValidationError(path + ".subWorkflowParam", "a SUB_WORKFLOW needs subWorkflowParam"));
                } else if (blank(p.path("name").asText(null))
                        && !p.path("workflowDefinition").isObject()) {
                    errors.add(new ValidationError(
                            path + ".subWorkflowParam.name", "a SUB_WORKFLOW needs the name of its workflow"));
                }
            }
            case DYNAMIC ->
                require(
                        t.dynamicTaskNameParam(),
                        path + ".dynamicTaskNameParam",
                        "a DYNAMIC task needs dynamicTaskNameParam",
                        errors);
            case EVENT -> require(t.sink(), path + ".sink", "an EVENT task needs a sink", errors);
            // INLINE and LAMBDA without a script: accepted, as Conductor does; the task fails when it runs
            case JSON_JQ_TRANSFORM -> requireInput(t, "queryExpression", path, errors);
            case KAFKA_PUBLISH -> requireInput(t, "kafka_request", path, errors);
            case TERMINATE -> {
                JsonNode status =
                        t.inputParameters() == null ? null : t.inputParameters().get("terminationStatus");
                if (status == null || status.isNull()) {
                    errors.add(new ValidationError(
                            path + ".inputParameters.terminationStatus", "a TERMINATE task needs a terminationStatus"));
                } else if (status.isTextual()
                        && !status.asText().startsWith("${")
                        && !Set.of("COMPLETED", "FAILED", "TERMINATED").contains(status.asText())) {
                    errors.add(new ValidationError(
                            path + ".inputParameters.terminationStatus",
                            "terminationStatus must be COMPLETED, FAILED or TERMINATED"));
                }
            }
            default -> {}
        }
        JsonNode compensation = t.compensation();
        if (compensation != null
                && !compensation.isNull()
                && !(compensation.isTextual() && !compensation.asText().isBlank())
                && !(compensation.isObject() && !blank(compensation.path("name").asText(null)))) {
            errors.add(
                    new ValidationError(path + ".compensation", "a compensation is a task name or a task with a name"));
        }
    }

    /** Every JOIN's joinOn names a task of the workflow. */
    static void checkJoins(List<WorkflowTask> tasks, String path, Set<String> refs, List<ValidationError> errors) {
        TaskTree.walk(tasks, path, (t, at) -> {
            if (t.kind().isJoin() && t.joinOn() != null) {
                for (int i = 0; i < t.joinOn().size(); i++) {
                    if (!refs.contains(t.joinOn().get(i))) {
                        errors.add(new ValidationError(
                                at + ".joinOn[" + i + "]",
                                "JOIN waits on unknown task reference '"
                                        + t.joinOn().get(i) + "'"));
                    }
                }
            }
        });
    }

    private static void requireCases(WorkflowTask t, String path, List<ValidationError> errors) {
        boolean noCases = t.decisionCases() == null || t.decisionCases().isEmpty();
        boolean noDefault = t.defaultCase() == null || t.defaultCase().isEmpty();
        if (noCases && noDefault) {
            errors.add(new ValidationError(
                    path + ".decisionCases", "a " + t.typeOrDefault() + " needs decisionCases or a defaultCase"));
        }
    }

    private static void requireInput(WorkflowTask t, String field, String path, List<ValidationError> errors) {
        if (t.inputParameters() == null || !t.inputParameters().has(field)) {
            errors.add(new ValidationError(
                    path + ".inputParameters." + field,
                    "a " + t.typeOrDefault() + " task needs inputParameters." + field));
        }
    }

    private static void require(String value, String path, String message, List<ValidationError> errors) {
        if (blank(value)) {
            errors.add(new ValidationError(path, message));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Conductor's checks of a WAIT's inputs at registration (literal values; an expression is checked when it runs). */
    private static void waitTimes(WorkflowTask t, String path, List<ValidationError> errors) {
        String duration = literal(t, "duration");
        String until = literal(t, "until");
        if (!duration.isBlank() && !until.isBlank()) {
            errors.add(new ValidationError(
                    path + ".inputParameters", "Both 'duration' and 'until' specified. Please provide only one input"));
            return;
        }
        try {
            if (!duration.isBlank() && !duration.startsWith("${")) {
                WaitTimes.duration(duration);
            } else if (!until.isBlank() && !until.startsWith("${")) {
                WaitTimes.until(until);
            }
        } catch (IllegalArgumentException e) {
            // Conductor's words (its WorkflowTaskTypeConstraint)
            errors.add(
                    duration.isBlank()
                            ? new ValidationError(path + ".inputParameters.until", "Unable to parse date ")
                            : new ValidationError(
                                    path + ".inputParameters.duration", "Either date or duration is passed as null "));
        }
    }

    private static String literal(WorkflowTask t, String input) {
        JsonNode v = t.inputParameters() == null ? null : t.inputParameters().get(input);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
