package dev.baton.orchestrator.api;

import dev.baton.dsl.TaskDef;
import dev.baton.dsl.TaskKind;
import dev.baton.dsl.ValidationError;
import dev.baton.dsl.WorkflowTask;
import java.util.List;
import java.util.Map;
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
        if (tasks == null) {
            return;
        }
        for (int i = 0; i < tasks.size(); i++) {
            WorkflowTask t = tasks.get(i);
            if (t == null) {
                continue;
            }
            String at = path + "[" + i + "]";
            if (t.kind() == TaskKind.SIMPLE && t.name() != null) {
                String topic = TaskDef.defaultsFor(t.name()).commandTopicOrDefault();
                String problem = problem(topic);
                if (problem != null) {
                    errors.add(
                            new ValidationError(at + ".name", "the task's command topic '" + topic + "' " + problem));
                }
            }
            if (t.decisionCases() != null) {
                for (Map.Entry<String, List<WorkflowTask>> c : t.decisionCases().entrySet()) {
                    checkTasks(c.getValue(), at + ".decisionCases." + c.getKey(), errors);
                }
            }
            checkTasks(t.defaultCase(), at + ".defaultCase", errors);
            if (t.forkTasks() != null) {
                for (int b = 0; b < t.forkTasks().size(); b++) {
                    checkTasks(t.forkTasks().get(b), at + ".forkTasks[" + b + "]", errors);
                }
            }
            checkTasks(t.loopOver(), at + ".loopOver", errors);
        }
    }
}
