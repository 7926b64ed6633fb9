package dev.baton.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a scenario's {@code WorkflowRef} to a workflow id: a named instance (default
 * {@code main}), then down {@code path} through SUB_WORKFLOW tasks (latest attempt of each ref),
 * then to the id held in the output under {@code outputKey} or in a task's output
 * ({@code taskOutput}).
 */
final class WorkflowRefs {
    private final ConformanceRuntime runtime;
    private final Map<String, String> instances;

    WorkflowRefs(ConformanceRuntime runtime, Map<String, String> instances) {
        this.runtime = runtime;
        this.instances = instances;
    }

    /** The workflow id; {@code ref} may be null or missing (the main instance). */
    String resolve(JsonNode ref) {
        String name = ref == null || ref.isMissingNode() || ref.isNull()
                ? "main"
                : ref.path("instance").asText("main");
        String id = instances.get(name);
        if (id == null) {
            throw new IllegalArgumentException("no instance named '" + name + "' has been started");
        }
        if (ref == null || !ref.isObject()) {
            return id;
        }
        for (JsonNode p : ref.path("path")) {
            WorkflowInstance wf = workflow(id);
            TaskState t = latest(wf, p.asText())
                    .orElseThrow(() -> new IllegalArgumentException(
                            "workflow " + wf.workflowId + " has no task '" + p.asText() + "'"));
            if (t.subWorkflowId == null) {
                throw new IllegalArgumentException(
                        "task '" + p.asText() + "' of " + wf.workflowId + " has no subWorkflowId");
            }
            id = t.subWorkflowId;
        }
        if (ref.has("outputKey")) {
            WorkflowInstance wf = workflow(id);
            JsonNode v = wf.output == null
                    ? null
                    : wf.output.get(ref.get("outputKey").asText());
            if (v == null || !v.isTextual()) {
                throw new IllegalArgumentException("output of " + id + " has no workflow id under '"
                        + ref.get("outputKey").asText() + "'");
            }
            id = v.asText();
        }
        if (ref.has("taskOutput")) {
            WorkflowInstance wf = workflow(id);
            String taskRef = ref.get("taskOutput").path("ref").asText();
            String key = ref.get("taskOutput").path("key").asText();
            TaskState t = latest(wf, taskRef)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "workflow " + wf.workflowId + " has no task '" + taskRef + "'"));
            JsonNode v = t.outputData == null ? null : t.outputData.get(key);
            if (v == null || !v.isTextual()) {
                throw new IllegalArgumentException(
                        "output of task '" + taskRef + "' has no workflow id under '" + key + "'");
            }
            id = v.asText();
        }
        workflow(id);
        return id;
    }

    /** The id of a named instance, or null. */
    String instanceId(String name) {
        return instances.get(name);
    }

    private WorkflowInstance workflow(String id) {
        return runtime.instance(id)
                .orElseThrow(() -> new IllegalArgumentException("workflow " + id + " does not exist"));
    }

    /** The latest task with that reference name. */
    static Optional<TaskState> latest(WorkflowInstance wf, String ref) {
        for (int i = wf.tasks.size() - 1; i >= 0; i--) {
            if (ref.equals(wf.tasks.get(i).referenceTaskName)) {
                return Optional.of(wf.tasks.get(i));
            }
        }
        return Optional.empty();
    }
}
