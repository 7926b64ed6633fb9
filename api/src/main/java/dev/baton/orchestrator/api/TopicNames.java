package dev.baton.orchestrator.api;

import dev.baton.dsl.TaskDef;
import dev.baton.dsl.TaskKind;
import dev.baton.dsl.TaskTree;
import dev.baton.dsl.ValidationError;
import dev.baton.dsl.WorkflowTask;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Task names become Kafka topic names ({@code <name>.commands}), so a definition whose task
 * would need an illegal topic is refused up front instead of failing when the topic is created.
 */
final class TopicNames {
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final int MAX_LENGTH = 249;

    private TopicNames() {}

    /** Why a topic name is illegal, or null when Kafka accepts it. */
    static String problem(String topic) {
        if (topic.length() > MAX_LENGTH) {
            return "is longer than Kafka's " + MAX_LENGTH + " characters for a topic name";
        }
        if (!LEGAL.matcher(topic).matches() || ".".equals(topic) || "..".equals(topic)) {
            return "is not a legal Kafka topic name (letters, digits, '.', '_' and '-' only)";
        }
        return null;
    }

    /** Adds an error for every SIMPLE task (at any depth) whose command topic would be illegal. */
    static void checkTasks(List<WorkflowTask> tasks, String path, List<ValidationError> errors) {
        TaskTree.walk(tasks, path, (t, at) -> {
            if (t.kind() == TaskKind.SIMPLE && t.name() != null) {
                String topic = TaskDef.defaultsFor(t.name()).commandTopicOrDefault();
                String problem = problem(topic);
                if (problem != null) {
                    errors.add(
                            new ValidationError(at + ".name", "the task's command topic '" + topic + "' " + problem));
                }
            }
        });
    }
}
