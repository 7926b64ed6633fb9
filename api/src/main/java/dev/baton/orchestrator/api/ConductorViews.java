package dev.baton.orchestrator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.api.views.DefinitionLookup;
import dev.baton.orchestrator.api.views.TaskViews;
import dev.baton.orchestrator.api.views.WorkflowContext;
import dev.baton.orchestrator.api.views.WorkflowViews;
import java.util.Optional;

/**
 * The typed views ({@code dev.baton.orchestrator.api.views}) as JSON trees, for code that adds to
 * them before answering. New code answers with the records of {@code dev.baton.orchestrator.api.model}.
 */
public final class ConductorViews {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConductorViews() {}

    /** Conductor's Workflow; tasks only when asked for. Knows the instance's inline definition only. */
    public static ObjectNode workflow(WorkflowInstance wf, boolean includeTasks) {
        return workflow(wf, includeTasks, null);
    }

    /** Conductor's Workflow of an instance that runs {@code registered} (or its inline definition). */
    public static ObjectNode workflow(WorkflowInstance wf, boolean includeTasks, dev.baton.dsl.WorkflowDef registered) {
        return JSON.valueToTree(WorkflowViews.workflow(wf, includeTasks, knowing(registered)));
    }

    /** Conductor's WorkflowRun of a synchronous execution (TARGET_WORKFLOW). */
    public static ObjectNode workflowRun(WorkflowInstance wf, String requestId) {
        return JSON.valueToTree(
                WorkflowViews.run(wf, requestId, "TARGET_WORKFLOW", !wf.isTerminal(), DefinitionLookup.NONE));
    }

    /** Conductor's Task. */
    public static ObjectNode task(WorkflowInstance wf, TaskState t) {
        return JSON.valueToTree(TaskViews.task(wf, t, WorkflowContext.of(wf, DefinitionLookup.NONE), null));
    }

    /** Conductor's WorkflowSummary. */
    public static ObjectNode summary(WorkflowInstance wf) {
        return JSON.valueToTree(WorkflowViews.summary(wf));
    }

    private static DefinitionLookup knowing(dev.baton.dsl.WorkflowDef registered) {
        return DefinitionLookup.of(
                name -> Optional.empty(),
                (name, version) ->
                        registered != null && registered.name().equals(name) && registered.versionOrDefault() == version
                                ? Optional.of(registered)
                                : Optional.empty());
    }
}
