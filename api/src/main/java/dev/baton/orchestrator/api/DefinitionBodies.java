package dev.baton.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.dsl.ConductorRegistrationRules;
import dev.baton.dsl.DefinitionParser;
import dev.baton.dsl.DefinitionValidator;
import dev.baton.dsl.InvalidDefinitionException;
import dev.baton.dsl.TaskDef;
import dev.baton.dsl.ValidationError;
import dev.baton.dsl.WorkflowDef;
import dev.baton.orchestrator.error.ApiError;
import dev.baton.orchestrator.error.ApiException;
import io.micronaut.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Definitions from request bodies: parsed and validated by the DSL, every problem reported as a
 * 400 whose {@code validationErrors} name the JSON path (relative to the request body) and the problem.
 */
final class DefinitionBodies {
    private DefinitionBodies() {}

    /** One workflow definition at {@code path} of the body ({@code $} for the whole body). */
    static WorkflowDef workflow(JsonNode node, String path) {
        JsonBodies.object(node, path);
        WorkflowDef def;
        try {
            def = DefinitionParser.workflow(node.toString());
        } catch (InvalidDefinitionException e) {
            throw invalid("invalid workflow definition", e.errors(), path);
        }
        List<ValidationError> problems = new ArrayList<>(ConductorRegistrationRules.problems(def));
        TopicNames.checkTasks(def.tasks(), "$.tasks", problems);
        if (!problems.isEmpty()) {
            throw invalid("invalid workflow definition", problems, path);
        }
        return def;
    }

    /** One task definition at {@code path} of the body. */
    static TaskDef task(JsonNode node, String path) {
        JsonBodies.object(node, path);
        TaskDef def;
        try {
            def = DefinitionParser.task(node.toString());
        } catch (InvalidDefinitionException e) {
            throw invalid("invalid task definition", e.errors(), path);
        }
        List<ValidationError> problems = DefinitionValidator.registrationProblems(def, "$");
        if (!problems.isEmpty()) {
            throw invalid("invalid task definition", problems, path);
        }
        String problem = TopicNames.problem(def.commandTopicOrDefault());
        if (problem != null) {
            boolean own = def.commandTopic() != null && !def.commandTopic().isBlank();
            throw invalid(
                    "invalid task definition",
                    List.of(new ValidationError(
                            own ? "$.commandTopic" : "$.name",
                            (own ? "" : "the task's command topic '" + def.commandTopicOrDefault() + "' ") + problem)),
                    path);
        }
        return def;
    }

    /** A non-empty JSON array of workflow definitions; every invalid element is reported. */
    static List<WorkflowDef> workflows(JsonNode node) {
        return list(node, "workflow definitions", DefinitionBodies::workflow);
    }

    /** A non-empty JSON array of task definitions; every invalid element is reported. */
    static List<TaskDef> tasks(JsonNode node) {
        return list(node, "task definitions", DefinitionBodies::task);
    }

    private interface ElementParser<T> {
        T parse(JsonNode node, String path);
    }

    private static <T> List<T> list(JsonNode node, String what, ElementParser<T> parser) {
        if (!node.isArray()) {
            throw ApiException.badField(
                    "$",
                    "expected a JSON array of " + what + " but got " + JsonBodies.kind(node),
                    JsonBodies.abbreviate(node));
        }
        if (node.isEmpty()) {
            throw ApiException.badField("$", "expected at least one of the " + what, "[]");
        }
        List<T> out = new ArrayList<>();
        List<ApiError.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            try {
                out.add(parser.parse(node.get(i), "$[" + i + "]"));
            } catch (ApiException e) {
                errors.addAll(e.fields());
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid " + what + ": " + summary(errors), errors);
        }
        return out;
    }

    private static ApiException invalid(String what, List<ValidationError> errors, String path) {
        List<ApiError.FieldError> fields = errors.stream()
                .map(e -> new ApiError.FieldError(rebase(e.path(), path), e.message(), null))
                .toList();
        return new ApiException(HttpStatus.BAD_REQUEST, what + ": " + summary(fields), fields);
    }

    /** A DSL path ({@code $.tasks[0]}) as a path in the request body ({@code $[2].tasks[0]}). */
    private static String rebase(String dslPath, String at) {
        if ("$".equals(at) || dslPath == null || !dslPath.startsWith("$")) {
            return dslPath;
        }
        return at + dslPath.substring(1);
    }

    private static String summary(List<ApiError.FieldError> fields) {
        StringBuilder sb = new StringBuilder();
        for (ApiError.FieldError f : fields) {
            if (sb.length() > 500) {
                sb.append("; ...");
                break;
            }
            sb.append(sb.isEmpty() ? "" : "; ").append(f.path()).append(": ").append(f.message());
        }
        return sb.toString();
    }
}
