package dev.baton.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Conductor's bulk operations ({@code /api/workflow/bulk}): the body is a JSON array of up to
 * 1,000 workflow ids; the answer is a BulkResponse listing the ids that succeeded and, per id,
 * why the others did not.
 */
@Controller("/api/workflow/bulk")
@Requires(property = "baton.runtime.enabled", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.ALL})
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowBulkController {
    static final int MAX_IDS = 1000;

    private final WorkflowOperations ops;

    public WorkflowBulkController(WorkflowOperations ops) {
        this.ops = ops;
    }

    @Put("/pause")
    public HttpResponse<String> pause(@Nullable @Body String body) {
        return each(body, ops::pause);
    }

    @Put("/resume")
    public HttpResponse<String> resume(@Nullable @Body String body) {
        return each(body, ops::resume);
    }

    @Post("/terminate")
    public HttpResponse<String> terminate(@Nullable @QueryValue String reason, @Nullable @Body String body) {
        return each(body, id -> ops.terminate(id, reason));
    }

    @Post("/restart")
    public HttpResponse<String> restart(@Nullable @QueryValue String useLatestDefinitions, @Nullable @Body String body) {
        boolean latest = QueryParams.bool("useLatestDefinitions", useLatestDefinitions, false);
        return each(body, id -> ops.restart(id, latest));
    }

    @Post("/retry")
    public HttpResponse<String> retry(@Nullable @Body String body) {
        return each(body, id -> ops.retry(id, false));
    }

    @Post("/delete")
    public HttpResponse<String> delete(@Nullable @Body String body) {
        return each(body, ops::remove);
    }

    private static HttpResponse<String> each(String body, Consumer<String> op) {
        List<String> ids = ids(body);
        ObjectNode out = JsonBodies.JSON.createObjectNode();
        ObjectNode errors = out.putObject("bulkErrorResults");
        ArrayNode done = out.putArray("bulkSuccessfulResults");
        for (String id : ids) {
            try {
                op.accept(id);
                done.add(id);
            } catch (ApiException e) {
                errors.put(id, e.getMessage());
            }
        }
        out.put("message", errors.isEmpty() ? "" : errors.size() + " of " + ids.size() + " failed");
        return JsonResponses.ok(out);
    }

    private static List<String> ids(String body) {
        JsonNode node = JsonBodies.required(body);
        if (!node.isArray()) {
            throw ApiException.badField("$", "expected a JSON array of workflow ids but got " + JsonBodies.kind(node),
                    JsonBodies.abbreviate(node));
        }
        if (node.size() > MAX_IDS) {
            throw ApiException.badField("$", "at most " + MAX_IDS + " workflow ids per request", node.size());
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual() || node.get(i).textValue().isBlank()) {
                throw ApiException.badField("$[" + i + "]", "expected a workflow id (a non-blank string)",
                        JsonBodies.abbreviate(node.get(i)));
            }
            ids.add(node.get(i).textValue());
        }
        return ids;
    }
}
