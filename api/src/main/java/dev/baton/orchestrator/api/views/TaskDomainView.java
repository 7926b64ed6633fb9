package dev.baton.orchestrator.api.views;

import dev.baton.engine.dispatch.TaskDomains;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import java.util.List;

/**
 * A worker task's domain as a view shows it, from the workflow's taskToDomain: exact when the
 * mapping names one domain (or NO_DOMAIN). A list whose choice depended on which workers were
 * active then is shown as unknown (null) here; the polled task and its command carry the domain chosen.
 */
final class TaskDomainView {
    private TaskDomainView() {}

    static String of(WorkflowInstance wf, TaskState t) {
        List<String> candidates = TaskDomains.candidates(wf.taskToDomain, t.taskDefName);
        return TaskDomains.dependsOnWorkers(candidates) ? null : TaskDomains.choose(candidates, d -> false);
    }
}
