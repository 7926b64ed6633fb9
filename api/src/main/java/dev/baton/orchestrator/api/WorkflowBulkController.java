package dev.baton.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import dev.baton.orchestrator.api.model.BulkResponse;
import dev.baton.orchestrator.api.model.Workflow;
import dev.baton.orchestrator.api.views.DefinitionLookup;
import dev.baton.orchestrator.api.views.WorkflowViews;
import dev.baton.orchestrator.error.ApiException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Conductor's bulk operations ({@code /api/workflow/bulk}): the body is a JSON array of up to
 * 1,000 workflow ids; the answer is a BulkResponse listing the ids that succeeded (for search: the
 * workflows) and, per id, why the others did not.
 */
@Controller("/api/workflow/bulk")
@Requires(property = "baton.runtime.enabled", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.ALL})
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowBulkController {
    static final int MAX_IDS = 1000;

    private final WorkflowOperations ops;
    private final DefinitionStore definitions;

    public WorkflowBulkController(WorkflowOperations ops, DefinitionStore definitions) {
        this.ops = ops;
        this.definitions = definitions;
    }

    @Put("/pause")
    public BulkResponse<String> pause(@Nullable @Body String body) {
        return each(body, ops::pause);
    }

    @Put("/resume")
    public BulkResponse<String> resume(@Nullable @Body String body) {
        return each(body, ops::resume);
    }

    @Post("/terminate")
    public BulkResponse<String> terminate(@Nullable @QueryValue String reason, @Nullable @Body String body) {
        return each(body, id -> ops.terminate(id, reason));
    }

    @Post("/restart")
    public BulkResponse<String> restart(
            @Nullable @QueryValue String useLatestDefinitions, @Nullable @Body String body) {
        boolean latest = QueryParams.bool("useLatestDefinitions", useLatestDefinitions, false);
        return each(body, id -> ops.restart(id, latest));
    }

    @Post("/retry")
    public BulkResponse<String> retry(@Nullable @Body String body) {
        return each(body, id -> ops.retry(id, false));
    }

    /**
     * Removes the workflows as the single remove does, per id: with {@code archiveWorkflow} (the
     * default) one that has not ended is listed as an error and kept, as in Conductor.
     */
    @Delete("/remove")
    public BulkResponse<String> remove(@Nullable @QueryValue String archiveWorkflow, @Nullable @Body String body) {
        boolean archive = QueryParams.bool("archiveWorkflow", archiveWorkflow, true);
        return each(body, id -> ops.remove(id, archive));
    }

    /** Baton's earlier spelling of the bulk remove. */
    @Post("/delete")
    public BulkResponse<String> delete(@Nullable @Body String body) {
        return each(body, ops::remove);
    }

    /**
     * Terminates each workflow that still runs, then removes it (a COMPLETED one is reported as an
     * error and left in place, as Conductor's terminate refuses it).
     */
    @Delete("/terminate-remove")
    public BulkResponse<String> terminateRemove(
            @Nullable @QueryValue String reason,
            @Nullable @QueryValue String archiveWorkflow,
            @Nullable @Body String body) {
        QueryParams.bool("archiveWorkflow", archiveWorkflow, true);
        return each(body, id -> {
            WorkflowInstance wf = ops.get(id);
            if (wf.status == WorkflowStatus.COMPLETED) {
                throw ApiException.conflict("Cannot terminate a COMPLETED workflow.");
            }
            if (!wf.isTerminal()) {
                ops.terminate(id, reason);
            }
            ops.remove(id);
        });
    }

    /** The workflows themselves (with their tasks unless includeTasks=false); unknown ids as errors. */
    @Post("/search")
    public BulkResponse<Workflow> search(@Nullable @QueryValue String includeTasks, @Nullable @Body String body) {
        boolean tasks = QueryParams.bool("includeTasks", includeTasks, true);
        List<String> ids = ids(body);
        DefinitionLookup lookup = definitions.lookup();
        Map<String, String> errors = new LinkedHashMap<>();
        List<Workflow> found = new ArrayList<>();
        for (String id : ids) {
            try {
                found.add(WorkflowViews.workflow(ops.get(id), tasks, lookup));
            } catch (ApiException e) {
                errors.put(id, e.getMessage());
            }
        }
        return new BulkResponse<>(errors, found);
    }

    private static BulkResponse<String> each(String body, Consumer<String> op) {
        List<String> ids = ids(body);
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> done = new ArrayList<>();
        for (String id : ids) {
            try {
                op.accept(id);
                done.add(id);
            } catch (ApiException e) {
                errors.put(id, e.getMessage());
            }
        }
        return new BulkResponse<>(errors, done);
    }

    private static List<String> ids(String body) {
        JsonNode node = JsonBodies.required(body);
        if (!node.isArray()) {
            throw ApiException.badField(
                    "$",
                    "expected a JSON array of workflow ids but got " + JsonBodies.kind(node),
                    JsonBodies.abbreviate(node));
        }
        if (node.isEmpty()) {
            throw ApiException.badField("$", "WorkflowIds list cannot be null.", "[]"); // Conductor's words
        }
        if (node.size() > MAX_IDS) {
            throw ApiException.badField(
                    "$",
                    "Cannot process more than " + MAX_IDS + " workflows. Please use multiple requests.",
                    node.size());
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual() || node.get(i).textValue().isBlank()) {
                throw ApiException.badField(
                        "$[" + i + "]",
                        "expected a workflow id (a non-blank string)",
                        JsonBodies.abbreviate(node.get(i)));
            }
            ids.add(node.get(i).textValue());
        }
        return ids;
    }
}
