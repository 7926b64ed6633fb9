package dev.baton.orchestrator.api;

import dev.baton.dsl.TaskDef;
import dev.baton.dsl.TaskKind;
import dev.baton.dsl.WorkflowDef;
import dev.baton.dsl.WorkflowTask;
import dev.baton.engine.dispatch.TaskDomains;
import dev.baton.orchestrator.client.WorkflowClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Creates, before a start with {@code taskToDomain}, the topics its worker tasks' commands may go
 * to ({@code <domain>.<commandTopic>}), with Baton's partitions and replication, as registering a
 * task definition creates its command topic. Tasks whose name is known only at run time (DYNAMIC)
 * get theirs from the worker or gateway that serves the domain, or from the broker.
 */
final class DomainTopics {
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    void ensure(
            WorkflowDef def,
            Map<String, String> taskToDomain,
            Function<String, Optional<TaskDef>> taskDefs,
            WorkflowClient client) {
        if (taskToDomain == null || taskToDomain.isEmpty()) {
            return;
        }
        Set<String> topics = new LinkedHashSet<>();
        for (WorkflowTask t : workerTasks(def.tasks(), new ArrayList<>())) {
            String commandTopic = (t.taskDefinition() != null
                            ? t.taskDefinition()
                            : taskDefs.apply(t.name()).orElseGet(() -> TaskDef.defaultsFor(t.name())))
                    .commandTopicOrDefault();
            for (String domain : TaskDomains.candidates(taskToDomain, t.name())) {
                if (!TaskDomains.isNoDomain(domain)) {
                    topics.add(dev.baton.worker.TaskDomains.topic(domain, commandTopic));
                }
            }
        }
        topics.removeAll(known);
        if (!topics.isEmpty()) {
            client.createTopics(topics);
            known.addAll(topics);
        }
    }

    private static List<WorkflowTask> workerTasks(Collection<WorkflowTask> tasks, List<WorkflowTask> out) {
        if (tasks == null) {
            return out;
        }
        for (WorkflowTask t : tasks) {
            if (t == null) {
                continue;
            }
            if (t.kind() == TaskKind.SIMPLE) {
                out.add(t);
            }
            if (t.decisionCases() != null) {
                t.decisionCases().values().forEach(list -> workerTasks(list, out));
            }
            workerTasks(t.defaultCase(), out);
            if (t.forkTasks() != null) {
                t.forkTasks().forEach(branch -> workerTasks(branch, out));
            }
            workerTasks(t.loopOver(), out);
        }
        return out;
    }
}
