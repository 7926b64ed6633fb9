package dev.baton.orchestrator.api;

import dev.baton.orchestrator.api.model.BulkResponse;
import dev.baton.orchestrator.api.model.TaskDef;
import dev.baton.orchestrator.api.model.WorkflowDef;
import dev.baton.orchestrator.api.model.WorkflowDefSummary;
import dev.baton.orchestrator.api.views.DefinitionViews;
import dev.baton.orchestrator.error.ApiException;
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
import java.util.ArrayList;
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
        long now = System.currentTimeMillis();
        store.putTasks(DefinitionBodies.tasks(JsonBodies.required(body)).stream()
                .map(d -> DefinitionAudit.created(d, now))
                .toList());
        return HttpResponse.ok();
    }

    /** Updates one existing task definition (404 when there is none by that name). */
    @Put("/taskdefs")
    public HttpResponse<?> updateTaskDef(@Nullable @Body String body) {
        dev.baton.dsl.TaskDef def = DefinitionBodies.task(JsonBodies.required(body), "$");
        dev.baton.dsl.TaskDef existing = store.task(def.name()).orElseThrow(() -> notFoundTask(def.name()));
        store.putTasks(List.of(DefinitionAudit.updated(def, existing, System.currentTimeMillis())));
        return HttpResponse.ok();
    }

    @Get("/taskdefs")
    public List<TaskDef> taskDefs() {
        return store.tasks().stream().map(DefinitionViews::taskDef).toList();
    }

    @Get("/taskdefs/{taskType}")
    public TaskDef taskDef(@PathVariable String taskType) {
        return DefinitionViews.taskDef(store.task(taskType).orElseThrow(() -> notFoundTask(taskType)));
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
        dev.baton.dsl.WorkflowDef def = DefinitionBodies.workflow(JsonBodies.required(body), "$");
        if (!replace && store.workflow(def.name(), def.versionOrDefault()).isPresent()) {
            throw ApiException.conflict(
                    "Workflow with " + def.name() + "." + def.versionOrDefault() + " already exists!");
        }
        store.putWorkflow(DefinitionAudit.created(def, System.currentTimeMillis()));
        return HttpResponse.ok();
    }

    /**
     * Creates or updates a list of workflow definitions (all are validated first: one invalid
     * definition is a 400 and none is written); answers a BulkResponse naming each one written.
     */
    @Put("/workflow")
    public BulkResponse<String> updateWorkflows(@Nullable @Body String body) {
        List<dev.baton.dsl.WorkflowDef> defs = DefinitionBodies.workflows(JsonBodies.required(body));
        for (int i = 0; i < defs.size(); i++) {
            settings.checkSize(dev.baton.dsl.DefinitionParser.toJson(defs.get(i)), "$[" + i + "]");
        }
        List<String> written = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (dev.baton.dsl.WorkflowDef d : defs) {
            store.putWorkflow(DefinitionAudit.updated(d, now));
            written.add(d.name());
        }
        return new BulkResponse<>(Map.of(), written);
    }

    /** Checks a workflow definition as a registration would, without registering it (400 naming each problem). */
    @Post("/workflow/validate")
    public HttpResponse<?> validateWorkflow(@Nullable @Body String body) {
        dev.baton.dsl.WorkflowDef def = DefinitionBodies.workflow(JsonBodies.required(body), "$");
        settings.checkSize(dev.baton.dsl.DefinitionParser.toJson(def), "$");
        return HttpResponse.ok();
    }

    /** Every version of every workflow definition. */
    @Get("/workflow")
    public List<WorkflowDef> workflows() {
        return store.workflows().stream().map(DefinitionViews::workflowDef).toList();
    }

    /** The latest version of each workflow definition. */
    @Get("/workflow/latest-versions")
    public List<WorkflowDef> latestVersions() {
        Map<String, dev.baton.dsl.WorkflowDef> latest = new LinkedHashMap<>();
        store.workflows().forEach(d -> latest.put(d.name(), d));
        return latest.values().stream().map(DefinitionViews::workflowDef).toList();
    }

    /** Every workflow name with its versions, without the definitions' bodies. */
    @Get("/workflow/names-and-versions")
    public Map<String, List<WorkflowDefSummary>> namesAndVersions() {
        Map<String, List<WorkflowDefSummary>> out = new LinkedHashMap<>();
        for (dev.baton.dsl.WorkflowDef d : store.workflows()) {
            out.computeIfAbsent(d.name(), n -> new ArrayList<>()).add(summary(d, true));
        }
        return out;
    }

    /** The distinct workflow definition names. */
    @Get("/workflow/names")
    public List<String> names() {
        return store.workflows().stream()
                .map(dev.baton.dsl.WorkflowDef::name)
                .distinct()
                .toList();
    }

    /** The versions of one workflow definition, oldest first, without their bodies (empty for an unknown name). */
    @Get("/workflow/{name}/versions")
    public List<WorkflowDefSummary> versions(@PathVariable String name) {
        return store.versions(name).stream().map(d -> summary(d, false)).toList();
    }

    /** One version of a workflow definition; the latest when no version is given. */
    @Get("/workflow/{name}")
    public WorkflowDef workflow(@PathVariable String name, @Nullable @QueryValue String version) {
        Integer v = QueryParams.optionalInt("version", version, 1, MAX_VERSION);
        return DefinitionViews.workflowDef(store.workflow(name, v).orElseThrow(() -> notFoundWorkflow(name, v)));
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

    /** As Conductor: names-and-versions gives both times, the versions of one name only the creation time. */
    private static WorkflowDefSummary summary(dev.baton.dsl.WorkflowDef d, boolean withUpdateTime) {
        WorkflowDef view = DefinitionViews.workflowDef(d);
        return new WorkflowDefSummary(
                d.name(), d.versionOrDefault(), view.createTime(), withUpdateTime ? view.updateTime() : null);
    }

    static ApiException notFoundTask(String name) {
        return ApiException.notFound("No such taskType found by name: " + name);
    }

    static ApiException notFoundWorkflow(String name, Integer version) {
        return ApiException.notFound("No such workflow found by name: " + name + ", version: " + version);
    }
}
