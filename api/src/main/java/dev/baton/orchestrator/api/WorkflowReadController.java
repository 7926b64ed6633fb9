package dev.baton.orchestrator.api;

import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.api.model.SearchResult;
import dev.baton.orchestrator.api.model.Task;
import dev.baton.orchestrator.api.model.Workflow;
import dev.baton.orchestrator.api.model.WorkflowStatusSummary;
import dev.baton.orchestrator.api.views.TaskViews;
import dev.baton.orchestrator.api.views.WorkflowContext;
import dev.baton.orchestrator.api.views.WorkflowViews;
import dev.baton.orchestrator.error.ApiException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reading one workflow instance ({@code /api/workflow/{workflowId}}): Conductor's Workflow, its
 * status summary, and its tasks page by page. 404 for an unknown id.
 */
@Controller("/api/workflow")
@Requires(property = "baton.runtime.enabled", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowReadController {
    private static final int DEFAULT_TASK_PAGE = 15;

    private final WorkflowOperations ops;
    private final DefinitionStore definitions;

    public WorkflowReadController(WorkflowOperations ops, DefinitionStore definitions) {
        this.ops = ops;
        this.definitions = definitions;
    }

    /** Conductor's Workflow; with its tasks unless includeTasks=false. */
    @Get("/{workflowId}")
    public Workflow get(@PathVariable String workflowId, @Nullable @QueryValue String includeTasks) {
        boolean tasks = QueryParams.bool("includeTasks", includeTasks, true);
        return WorkflowViews.workflow(ops.get(workflowId), tasks, definitions.lookup());
    }

    /** Conductor's WorkflowStatus: id, correlation id and status; output and variables when asked for. */
    @Get("/{workflowId}/status")
    public WorkflowStatusSummary status(
            @PathVariable String workflowId,
            @Nullable @QueryValue String includeOutput,
            @Nullable @QueryValue String includeVariables) {
        boolean output = QueryParams.bool("includeOutput", includeOutput, false);
        boolean variables = QueryParams.bool("includeVariables", includeVariables, false);
        return WorkflowViews.status(ops.get(workflowId), output, variables);
    }

    /**
     * The workflow's tasks in order, {@code count} (default 15) from {@code start}, optionally only
     * those with one of the given statuses (comma-separated or repeated).
     */
    @Get("/{workflowId}/tasks")
    public SearchResult<Task> tasks(
            @PathVariable String workflowId,
            @Nullable @QueryValue String start,
            @Nullable @QueryValue String count,
            @Nullable @QueryValue List<String> status) {
        int from = QueryParams.intOr("start", start, 0, 0, Integer.MAX_VALUE);
        int size = QueryParams.intOr("count", count, DEFAULT_TASK_PAGE, 0, Integer.MAX_VALUE);
        Set<TaskStatus> wanted = statuses(status);
        WorkflowInstance wf = ops.get(workflowId);
        List<TaskState> matching = new ArrayList<>();
        for (TaskState t : wf.tasks) {
            if (wanted.isEmpty() || wanted.contains(t.status)) {
                matching.add(t);
            }
        }
        WorkflowContext ctx = WorkflowContext.of(wf, definitions.lookup());
        List<Task> page = new ArrayList<>();
        for (int i = from; i < matching.size() && i - from < size; i++) {
            page.add(TaskViews.task(wf, matching.get(i), ctx, null));
        }
        return new SearchResult<>(matching.size(), page);
    }

    private static Set<TaskStatus> statuses(List<String> values) {
        Set<TaskStatus> out = new HashSet<>();
        if (values == null) {
            return out;
        }
        for (String value : values) {
            for (String s : value.split(",")) {
                if (s.isBlank()) {
                    continue;
                }
                try {
                    out.add(TaskStatus.valueOf(s.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badField(
                            "status",
                            "not a task status (one of " + java.util.Arrays.toString(TaskStatus.values()) + ")",
                            s);
                }
            }
        }
        return out;
    }
}
