package dev.baton.dsl;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks of the bridge parts of a definition: event sources, completeOn / failOn, modes and SLAs. */
final class BridgeRules {
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private BridgeRules() {}

    /** Task-level checks: mode, its events, SLA. */
    static void checkTask(WorkflowTask task, String path, List<ValidationError> errors) {
        if (task.mode() != null
                && !WorkflowTask.OBSERVE.equalsIgnoreCase(task.mode())
                && !WorkflowTask.COMMAND.equalsIgnoreCase(task.mode())) {
            errors.add(new ValidationError(
                    path + ".mode", "unknown mode '" + task.mode() + "' (expected observe or command)"));
        }
        if (task.isObserved()) {
            if (task.kind() != TaskKind.SIMPLE) {
                errors.add(new ValidationError(path + ".mode", "only SIMPLE tasks can be observed"));
            }
            if (task.completeOn() == null) {
                errors.add(new ValidationError(
                        path + ".completeOn", "an observed task needs completeOn: the event that ends it"));
            }
        }
        if (task.completeOn() != null) {
            checkMatch(task.completeOn(), path + ".completeOn", errors);
        }
        if (task.failOn() != null) {
            checkMatch(task.failOn(), path + ".failOn", errors);
        }
        if (task.expectedDurationSeconds() != null && task.expectedDurationSeconds() <= 0) {
            errors.add(new ValidationError(
                    path + ".expectedDurationSeconds", "expectedDurationSeconds must be 1 or more"));
        }
    }

    /** The definition's eventSources; {@code refs} are the task references it declares. */
    static void checkSources(List<EventSource> sources, Set<String> refs, List<ValidationError> errors) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            String path = "$.eventSources[" + i + "]";
            EventSource s = sources.get(i);
            if (s == null) {
                errors.add(new ValidationError(path, "event source is null"));
                continue;
            }
            check(s, path, errors);
            if (s.name() != null && !names.add(s.name())) {
                errors.add(new ValidationError(path + ".name", "duplicate event source name '" + s.name() + "'"));
            }
            if (s.taskRef() != null && !s.taskRef().isBlank() && !refs.contains(s.taskRef())) {
                errors.add(
                        new ValidationError(path + ".taskRef", "no task has the reference name '" + s.taskRef() + "'"));
            }
        }
    }

    /** One event source, on its own (a stand-alone resource) or in a definition. */
    static void check(EventSource s, String path, List<ValidationError> errors) {
        if (s.name() == null || s.name().isBlank()) {
            errors.add(new ValidationError(path + ".name", "event source name is required"));
        }
        checkMatch(s.match(), path, errors);
        EventSource.Action action = null;
        if (s.action() == null || s.action().isBlank()) {
            errors.add(new ValidationError(
                    path + ".action",
                    "action is required (start_workflow, complete_task," + " fail_task, signal or update_variables)"));
        } else {
            try {
                action = s.actionType();
            } catch (IllegalArgumentException e) {
                errors.add(new ValidationError(
                        path + ".action",
                        "unknown action '" + s.action()
                                + "' (expected start_workflow, complete_task, fail_task, signal or update_variables)"));
            }
        }
        if ((action == EventSource.Action.COMPLETE_TASK
                        || action == EventSource.Action.FAIL_TASK
                        || action == EventSource.Action.SIGNAL)
                && (s.taskRef() == null || s.taskRef().isBlank())) {
            errors.add(new ValidationError(
                    path + ".taskRef",
                    "action " + s.action().toLowerCase(Locale.ROOT) + " needs taskRef: the task it ends"));
        }
    }

    private static void checkMatch(EventMatch m, String path, List<ValidationError> errors) {
        if (m.topic() == null || m.topic().isBlank()) {
            errors.add(new ValidationError(path + ".topic", "topic is required"));
        } else if (!TOPIC_NAME.matcher(m.topic()).matches()) {
            errors.add(new ValidationError(path + ".topic", "'" + m.topic() + "' is not a valid Kafka topic name"));
        }
        String format = m.formatOrDefault();
        if (!format.equals(PayloadFormat.JSON.name()) && !format.equals(PayloadFormat.AVRO.name())) {
            errors.add(new ValidationError(
                    path + ".format", "unknown format '" + m.format() + "' (expected JSON or AVRO)"));
        }
        if (m.correlationKey() != null && !m.correlationKey().isBlank()) {
            try {
                if (!m.correlationKey().startsWith("$")) {
                    throw new IllegalArgumentException("it must start with $");
                }
                com.jayway.jsonpath.JsonPath.compile(m.correlationKey());
            } catch (RuntimeException e) {
                errors.add(new ValidationError(
                        path + ".correlationKey",
                        "correlationKey must be a JSONPath into the event, like $.bookingId: " + e.getMessage()));
            }
        }
    }
}
