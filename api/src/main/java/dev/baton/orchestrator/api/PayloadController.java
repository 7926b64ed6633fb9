package dev.baton.orchestrator.api;

import dev.baton.orchestrator.error.ApiException;
import dev.baton.orchestrator.query.InstanceQueries;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Locale;
import java.util.Map;

/**
 * Conductor's external payload storage contract, for the documents Baton keeps out of line itself
 * (large inputs, outputs, variables: chunked in its state stores, in Kafka). Snapshots and events
 * name such a document by its path, {@code workflow/<workflowId>/<payloadId>};
 * {@code GET .../externalstoragelocation?operation=READ&path=...} answers where to read it (a URI on
 * this API), and that URI answers the JSON document, from whichever node holds the instance.
 *
 * <p>Clients do not need to upload anything first: Baton takes payloads inline up to Conductor's
 * hard barrier ({@code baton.limits.max-task-output-kb}, 10 MiB by default) and stores them out of
 * line itself, so {@code operation=WRITE} answers 501 saying so.
 */
@Controller("/api")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PayloadController {
    static final String NO_UPLOADS = "Baton takes payloads inline, up to baton.limits.max-task-output-kb "
            + "(10240 KB by default), and keeps the large ones out of line itself, in Kafka: send the payload in the "
            + "task update or start request itself. Paths Baton hands out (workflow/<workflowId>/<payloadId>) can be "
            + "read with operation=READ.";
    private static final String PREFIX = "workflow/";

    private final InstanceQueries queries;

    public PayloadController(InstanceQueries queries) {
        this.queries = queries;
    }

    @Get(
            uris = {
                "/tasks/externalstoragelocation",
                "/tasks/external-storage-location",
                "/workflow/externalstoragelocation",
                "/workflow/external-storage-location"
            })
    public Map<String, String> location(
            HttpRequest<?> request,
            @Nullable @QueryValue String path,
            @Nullable @QueryValue String operation,
            @Nullable @QueryValue String payloadType) {
        String op = operation == null ? "READ" : operation.toUpperCase(Locale.ROOT);
        if ("WRITE".equals(op)) {
            throw ApiException.notServed(NO_UPLOADS);
        }
        if (!"READ".equals(op)) {
            throw ApiException.badField("operation", "must be READ or WRITE", operation);
        }
        String[] parts = parts(path);
        String host = request.getHeaders().get("Host");
        String base = host == null ? "" : "http://" + host;
        return Map.of("uri", base + "/api/payloads/" + PREFIX + parts[0] + "/" + parts[1], "path", path);
    }

    @Get("/payloads/workflow/{workflowId}/{payloadId}")
    public HttpResponse<byte[]> payload(@PathVariable String workflowId, @PathVariable String payloadId) {
        byte[] doc = queries.payload(workflowId, payloadId)
                .orElseThrow(() -> ApiException.notFound("No payload " + PREFIX + workflowId + "/" + payloadId
                        + ": the workflow does not exist (any more) or keeps no such document"));
        return HttpResponse.ok(doc).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** The workflow id and payload id of a path Baton handed out. */
    private static String[] parts(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            throw ApiException.badField("path", "not a path Baton hands out (workflow/<workflowId>/<payloadId>)", path);
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.lastIndexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw ApiException.badField("path", "not a path Baton hands out (workflow/<workflowId>/<payloadId>)", path);
        }
        return new String[] {rest.substring(0, slash), rest.substring(slash + 1)};
    }
}
