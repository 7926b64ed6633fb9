package dev.baton.orchestrator.gateway;

import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells, for commands about to be handed out, whether their task has ended meanwhile: its workflow
 * was terminated (the task CANCELED), the task timed out, another attempt replaced it, or a restart
 * or rerun dropped it for a new task. Conductor takes such a task out of its queue, so no worker gets
 * it; the gateway skips its command likewise. A command is written with the step that adds its task
 * to the instance, and only the instance's owner answers a read, so an instance without the task has
 * dropped it. An instance that cannot be read lets the command through (the engine ignores a reply
 * it cannot use).
 * One object per batch of commands: it reads each instance once, and lends what it read to the
 * description of the tasks handed out ({@link #instance}).
 */
final class EndedTasks {
    private static final Logger LOG = LoggerFactory.getLogger(EndedTasks.class);
    private final TaskLocator locator;
    private final Map<String, Optional<WorkflowInstance>> read = new HashMap<>();

    EndedTasks(TaskLocator locator) {
        this.locator = locator;
    }

    /** Why the command's task no longer waits for a worker, or null when it may be handed out. */
    String reason(CommandRecord c) {
        Optional<WorkflowInstance> wf = instance(c.workflowId());
        if (wf.isEmpty()) {
            return null;
        }
        Optional<TaskState> task = wf.get().task(c.taskId());
        if (task.isEmpty()) {
            return "workflow " + c.workflowId() + " has no task " + c.taskId() + " any more";
        }
        if (c.hasAttempt() && c.attempt() != task.get().attempt()) {
            return "task " + c.taskId() + " is at attempt " + task.get().attempt() + ", the command is for "
                    + c.attempt();
        }
        if (task.get().status != null && task.get().status.isTerminal()) {
            return "task " + c.taskId() + " is " + task.get().status;
        }
        if (wf.get().isTerminal()) {
            return "workflow " + c.workflowId() + " is " + wf.get().status;
        }
        return null;
    }

    /** The instance as this batch read it (empty when it cannot be read). */
    Optional<WorkflowInstance> instance(String workflowId) {
        return read.computeIfAbsent(workflowId, this::readInstance);
    }

    private Optional<WorkflowInstance> readInstance(String workflowId) {
        try {
            return locator.workflowNow(workflowId);
        } catch (RuntimeException e) {
            LOG.debug("Cannot read workflow {} to check its command; handing it out: {}", workflowId, e.toString());
            return Optional.empty();
        }
    }
}
