package dev.baton.orchestrator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskDef;
import dev.baton.dsl.WorkflowDef;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conductor's metadata API ({@code /api/metadata}): task and workflow definitions, validated
 * before they are written to the definitions topic, and readable as soon as a write returns.
 */
@Controller("/api/metadata")
@Requires(property = "baton.runtime.enabled", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.ALL})
@Produces(MediaType.APPLICATION_JSON)
public class MetadataController {
    private static final int MAX_VERSION = Integer.MAX_VALUE;

    private final DefinitionStore store;
    private final ApiSettings settings;

    public MetadataController(DefinitionStore store, ApiSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** Registers (or replaces) a list of task definitions. */
    @Post("/taskdefs")
    public HttpResponse<?> registerTaskDefs(@Nullable @Body String body) {
        store.putTasks(DefinitionBodies.tasks(JsonBodies.required(body)));
        return HttpResponse.ok();
    }

    /** Updates one existing task definition (404 when there is none by that name). */
    @Put("/taskdefs")
    public HttpResponse<?> updateTaskDef(@Nullable @Body String body) {
        TaskDef def = DefinitionBodies.task(JsonBodies.required(body), "$");
        if (store.task(def.name()).isEmpty()) {
            throw notFoundTask(def.name());
        }
        store.putTasks(List.of(def));
        return HttpResponse.ok();
    }

    @Get("/taskdefs")
    public HttpResponse<String> taskDefs() {
        return JsonResponses.ok(store.tasks());
    }

    @Get("/taskdefs/{taskType}")
    public HttpResponse<String> taskDef(@PathVariable String taskType) {
        return JsonResponses.ok(store.task(taskType).orElseThrow(() -> notFoundTask(taskType)));
    }

    @Delete("/taskdefs/{taskType}")
    public HttpResponse<?> deleteTaskDef(@PathVariable String taskType) {
        if (store.task(taskType).isEmpty()) {
            throw notFoundTask(taskType);
        }
        store.deleteTask(taskType);
        return HttpResponse.ok();
    }

    /** Registers a new workflow definition version; 409 when that name and version exist (unless overwrite=true). */
    @Post("/workflow")
    public HttpResponse<?> registerWorkflow(@Nullable @Body String body, @Nullable @QueryValue String overwrite) {
        boolean replace = QueryParams.bool("overwrite", overwrite, false);
        WorkflowDef def = DefinitionBodies.workflow(JsonBodies.required(body), "$");
        if (!replace && store.workflow(def.name(), def.versionOrDefault()).isPresent()) {
            throw ApiException.conflict("Workflow with " + def.name() + "." + def.versionOrDefault() + " already exists!");
        }
        store.putWorkflow(def);
        return HttpResponse.ok();
    }

    /** Creates or updates a list of workflow definitions. */
    @Put("/workflow")
    public HttpResponse<?> updateWorkflows(@Nullable @Body String body) {
        List<WorkflowDef> defs = DefinitionBodies.workflows(JsonBodies.required(body));
        for (int i = 0; i < defs.size(); i++) {
            settings.checkSize(dev.baton.dsl.DefinitionParser.toJson(defs.get(i)), "$[" + i + "]");
        }
        defs.forEach(store::putWorkflow);
        return HttpResponse.ok();
    }

    /** Every version of every workflow definition. */
    @Get("/workflow")
    public HttpResponse<String> workflows() {
        return JsonResponses.ok(store.workflows());
    }

    /** The latest version of each workflow definition. */
    @Get("/workflow/latest-versions")
    public HttpResponse<String> latestVersions() {
        Map<String, WorkflowDef> latest = new LinkedHashMap<>();
        store.workflows().forEach(d -> latest.put(d.name(), d));
        return JsonResponses.ok(List.copyOf(latest.values()));
    }

    /** Every workflow name with its versions: {@code {name: [{name, version}]}}. */
    @Get("/workflow/names-and-versions")
    public HttpResponse<String> namesAndVersions() {
        ObjectNode out = JsonBodies.JSON.createObjectNode();
        for (WorkflowDef d : store.workflows()) {
            ArrayNode versions = out.has(d.name()) ? (ArrayNode) out.get(d.name()) : out.putArray(d.name());
            versions.addObject().put("name", d.name()).put("version", d.versionOrDefault());
        }
        return JsonResponses.ok(out);
    }

    /** One version of a workflow definition; the latest when no version is given. */
    @Get("/workflow/{name}")
    public HttpResponse<String> workflow(@PathVariable String name, @Nullable @QueryValue String version) {
        Integer v = QueryParams.optionalInt("version", version, 1, MAX_VERSION);
        return JsonResponses.ok(store.workflow(name, v).orElseThrow(() -> notFoundWorkflow(name, v)));
    }

    @Delete("/workflow/{name}/{version}")
    public HttpResponse<?> deleteWorkflow(@PathVariable String name, @PathVariable String version) {
        int v = QueryParams.requiredInt("version", version, 1, MAX_VERSION);
        if (store.workflow(name, v).isEmpty()) {
            throw notFoundWorkflow(name, v);
        }
        store.deleteWorkflow(name, v);
        return HttpResponse.ok();
    }

    static ApiException notFoundTask(String name) {
        return ApiException.notFound("No such taskType found by name: " + name);
    }

    static ApiException notFoundWorkflow(String name, Integer version) {
        return ApiException.notFound("No such workflow found by name: " + name + ", version: " + version);
    }
}
