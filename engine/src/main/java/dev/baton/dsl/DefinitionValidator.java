package dev.baton.dsl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Checks definitions; every error names the JSON path it is about. */
public final class DefinitionValidator {
    private static final java.util.regex.Pattern TOPIC_NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private DefinitionValidator() {}

    public static List<ValidationError> validate(WorkflowDef def) {
        List<ValidationError> errors = new ArrayList<>();
        if (def.name() == null || def.name().isBlank()) {
            errors.add(new ValidationError("$.name", "workflow name is required"));
        }
        if (def.version() != null && def.version() < 1) {
            errors.add(new ValidationError("$.version", "version must be 1 or more"));
        }
        if (def.schemaVersion() != null && def.schemaVersion() != 2) {
            errors.add(new ValidationError("$.schemaVersion", "only schemaVersion 2 is supported"));
        }
        if (def.timeoutPolicy() != null && !isEnum(TimeoutPolicy.class, def.timeoutPolicy())) {
            errors.add(new ValidationError("$.timeoutPolicy", "unknown timeoutPolicy '" + def.timeoutPolicy() + "'"));
        }
        if (def.tasks().isEmpty()) {
            errors.add(new ValidationError("$.tasks", "a workflow needs at least one task"));
        }
        Set<String> refs = new HashSet<>();
        for (int i = 0; i < def.tasks().size(); i++) {
            validateTask(def.tasks().get(i), "$.tasks[" + i + "]", refs, errors);
        }
        OperatorRules.checkJoins(def.tasks(), "$.tasks", refs, errors);
        BridgeRules.checkSources(def.eventSources(), refs, errors);
        return errors;
    }

    /** A stand-alone event source resource (bound to the workflow its workflowName names). */
    public static List<ValidationError> validate(EventSource source) {
        List<ValidationError> errors = new ArrayList<>();
        if (source == null) {
            errors.add(new ValidationError("$", "event source is required"));
            return errors;
        }
        BridgeRules.check(source, "$", errors);
        if (source.workflowName() == null || source.workflowName().isBlank()) {
            errors.add(new ValidationError("$.workflowName", "workflowName is required: the workflow the events feed"));
        }
        return errors;
    }

    /**
     * What Conductor checks more of a task definition registered on its own (not of one inlined in a workflow's task,
     * nor of one already stored, which earlier versions accepted): a max retry delay of 0 or more, a backoff scale
     * factor of 1 or more, a response timeout that fits in the timeout.
     */
    public static List<ValidationError> registrationProblems(TaskDef def, String path) {
        List<ValidationError> errors = new ArrayList<>();
        if (def == null) {
            return errors;
        }
        if (def.maxRetryDelaySeconds() != null && def.maxRetryDelaySeconds() < 0) {
            errors.add(new ValidationError(
                    path + ".maxRetryDelaySeconds",
                    "TaskDef maxRetryDelaySeconds: " + def.maxRetryDelaySeconds() + " must be >= 0"));
        }
        if (def.backoffScaleFactor() != null && def.backoffScaleFactor() < 1) {
            errors.add(new ValidationError(
                    path + ".backoffScaleFactor", "Backoff scale factor. Applicable for LINEAR_BACKOFF"));
        }
        if (def.responseTimeoutSeconds() != null && def.responseTimeoutSeconds() < 1) {
            errors.add(new ValidationError(
                    path + ".responseTimeoutSeconds",
                    "TaskDef responseTimeoutSeconds: " + def.responseTimeoutSeconds() + " should be minimum 1 second"));
        }
        if (def.timeoutSeconds() != null
                && def.timeoutSeconds() > 0
                && def.responseTimeoutSeconds() != null
                && def.responseTimeoutSeconds() > def.timeoutSeconds()) {
            errors.add(new ValidationError(
                    path + ".responseTimeoutSeconds",
                    "TaskDef: " + def.name() + " responseTimeoutSeconds: " + def.responseTimeoutSeconds()
                            + " must be less than timeoutSeconds: " + def.timeoutSeconds()));
        }
        return errors;
    }

    public static List<ValidationError> validate(TaskDef def, String path) {
        List<ValidationError> errors = new ArrayList<>();
        if (def == null) {
            errors.add(new ValidationError(path, "task definition is required"));
            return errors;
        }
        if (def.name() == null || def.name().isBlank()) {
            errors.add(new ValidationError(path + ".name", "task definition name is required"));
        }
        if (def.retryLogic() != null && !isEnum(RetryLogic.class, def.retryLogic())) {
            errors.add(new ValidationError(
                    path + ".retryLogic",
                    "unknown retryLogic '" + def.retryLogic()
                            + "' (expected FIXED, EXPONENTIAL_BACKOFF or LINEAR_BACKOFF)"));
        }
        if (def.timeoutPolicy() != null && !isEnum(TimeoutPolicy.class, def.timeoutPolicy())) {
            errors.add(new ValidationError(
                    path + ".timeoutPolicy", "unknown timeoutPolicy '" + def.timeoutPolicy() + "'"));
        }
        if (def.payloadFormat() != null
                && !isEnum(PayloadFormat.class, def.payloadFormat().toUpperCase(Locale.ROOT))) {
            errors.add(new ValidationError(
                    path + ".payloadFormat",
                    "unknown payloadFormat '" + def.payloadFormat() + "' (expected JSON or AVRO)"));
        }
        if (def.retryCount() != null && def.retryCount() < 0) {
            errors.add(new ValidationError(path + ".retryCount", "retryCount must be 0 or more"));
        }
        if (def.backoffJitterMs() != null && def.backoffJitterMs() < 0) {
            errors.add(new ValidationError(path + ".backoffJitterMs", "backoffJitterMs must be 0 or more"));
        }
        if (def.totalTimeoutSeconds() != null && def.totalTimeoutSeconds() < 0) {
            errors.add(new ValidationError(
                    path + ".totalTimeoutSeconds",
                    "TaskDef totalTimeoutSeconds: " + def.totalTimeoutSeconds() + " must be >= 0"));
        }
        if (def.timeoutSeconds() != null
                && def.timeoutSeconds() > 0
                && def.totalTimeoutSeconds() != null
                && def.totalTimeoutSeconds() > 0
                && def.timeoutSeconds() > def.totalTimeoutSeconds()) {
            errors.add(new ValidationError(
                    path + ".timeoutSeconds",
                    "TaskDef: " + def.name() + " timeoutSeconds: "
                            + def.timeoutSeconds() + " must be less than or equal to totalTimeoutSeconds: "
                            + def.totalTimeoutSeconds()));
        }
        if (def.commandKey() != null && !def.commandKey().isBlank()) {
            try {
                if (!def.commandKey().startsWith("$")) {
                    throw new IllegalArgumentException("it must start with $");
                }
                com.jayway.jsonpath.JsonPath.compile(def.commandKey());
            } catch (RuntimeException e) {
                errors.add(new ValidationError(
                        path + ".commandKey",
                        "commandKey must be a JSONPath into the task input," + " like $.bookingId: " + e.getMessage()));
            }
        }
        for (String[] topic : new String[][] {{"commandTopic", def.commandTopic()}, {"replyTopic", def.replyTopic()}}) {
            if (topic[1] != null
                    && !topic[1].isBlank()
                    && !TOPIC_NAME.matcher(topic[1]).matches()) {
                errors.add(new ValidationError(
                        path + "." + topic[0],
                        topic[0] + " '" + topic[1]
                                + "' is not a valid Kafka topic name (letters, digits, '.', '_', '-'; at most 249)"));
            }
        }
        return errors;
    }

    private static void validateTask(WorkflowTask task, String path, Set<String> refs, List<ValidationError> errors) {
        if (task == null) {
            errors.add(new ValidationError(path, "task is null"));
            return;
        }
        String ref = task.taskReferenceName();
        if (ref == null || ref.isBlank()) {
            errors.add(new ValidationError(path + ".taskReferenceName", "taskReferenceName is required"));
        } else if (!refs.add(ref)) {
            errors.add(new ValidationError(path + ".taskReferenceName", "duplicate taskReferenceName '" + ref + "'"));
        }
        String type = task.typeOrDefault();
        TaskKind kind = task.kind();
        if (!kind.isConductorType()) {
            errors.add(new ValidationError(path + ".type", "unknown task type '" + type + "'"));
        } else if (!kind.isSupported()) {
            errors.add(new ValidationError(path + ".type", "task type '" + type + "' is not supported yet"));
        }
        if (kind == TaskKind.SIMPLE && (task.name() == null || task.name().isBlank())) {
            errors.add(new ValidationError(path + ".name", "a SIMPLE task needs a name (its task type)"));
        }
        if (task.taskDefinition() != null) {
            errors.addAll(validate(task.taskDefinition(), path + ".taskDefinition"));
        }
        if (task.decisionCases() != null) {
            task.decisionCases()
                    .forEach((name, tasks) -> validateList(tasks, path + ".decisionCases." + name, refs, errors));
        }
        validateList(task.defaultCase(), path + ".defaultCase", refs, errors);
        if (task.forkTasks() != null) {
            for (int b = 0; b < task.forkTasks().size(); b++) {
                validateList(task.forkTasks().get(b), path + ".forkTasks[" + b + "]", refs, errors);
            }
        }
        validateList(task.loopOver(), path + ".loopOver", refs, errors);
        OperatorRules.check(task, path, errors);
        BridgeRules.checkTask(task, path, errors);
    }

    private static void validateList(
            List<WorkflowTask> tasks, String path, Set<String> refs, List<ValidationError> errors) {
        if (tasks == null) {
            return;
        }
        for (int i = 0; i < tasks.size(); i++) {
            validateTask(tasks.get(i), path + "[" + i + "]", refs, errors);
        }
    }

    private static <E extends Enum<E>> boolean isEnum(Class<E> type, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
