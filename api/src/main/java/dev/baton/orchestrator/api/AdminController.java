package dev.baton.orchestrator.api;

import dev.baton.orchestrator.api.model.Task;
import dev.baton.orchestrator.api.views.DefinitionLookup;
import dev.baton.orchestrator.api.views.TaskViews;
import dev.baton.orchestrator.api.views.WorkflowContext;
import dev.baton.orchestrator.config.BatonConfig;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conductor's admin API ({@code /api/admin}) where it has a meaning on Baton: the server's
 * settings, and the pending tasks of a type. The event queues are served by the event handlers
 * ({@code dev.baton.orchestrator.events}); sweeps and repairs are explained by {@link NotServedController}.
 */
@Controller("/api/admin")
@Requires(property = "baton.runtime.enabled", notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
public class AdminController {
    private final BatonConfig config;
    private final ApiSettings settings;
    private final TaskSearch tasks;
    private final DefinitionStore definitions;
    private final String version;

    public AdminController(
            BatonConfig config,
            ApiSettings settings,
            TaskSearch tasks,
            DefinitionStore definitions,
            @Value("${baton.api.version:}") @Nullable String version) {
        this.config = config;
        this.settings = settings;
        this.tasks = tasks;
        this.definitions = definitions;
        this.version = version;
    }

    /**
     * Baton's settings that shape what the API does (none that could hold a secret: no Kafka
     * client settings, no registry URL, no credentials).
     */
    @Get("/config")
    public Map<String, Object> config() {
        Map<String, Object> out = new LinkedHashMap<>();
        String v = version != null && !version.isBlank()
                ? version
                : AdminController.class.getPackage().getImplementationVersion();
        out.put("version", v == null ? "unknown" : v);
        out.put("baton.application-id", config.getApplicationId());
        out.put("baton.encoding", config.getEncoding());
        out.put("baton.partitions", config.getPartitions());
        out.put("baton.replication-factor", config.getReplicationFactor());
        out.put("baton.standby-replicas", config.getStandbyReplicas());
        out.put("baton.stream-threads", config.getStreamThreads());
        out.put("baton.commit-interval-ms", config.getCommitIntervalMs());
        out.put("baton.timer-resolution-ms", config.getTimerResolutionMs());
        out.put("baton.retention-finished-ms", config.getRetentionFinishedMs());
        out.put("baton.max-workflow-variables-kb", config.getMaxWorkflowVariablesKb());
        out.put("baton.reply-topic", config.getReplyTopic());
        out.put("baton.api.max-search-size", settings.getMaxSearchSize());
        out.put("baton.api.max-sort-window", settings.getMaxSortWindow());
        out.put("baton.api.max-payload-bytes", settings.getMaxPayloadBytes());
        out.put("baton.api.max-execute-wait-seconds", settings.getMaxExecuteWaitSeconds());
        return out;
    }

    /** The tasks of a type (as Conductor names it) that are scheduled or running, oldest first, {@code count} from {@code start}. */
    @Get("/task/{tasktype}")
    public List<Task> pendingTasks(
            @PathVariable("tasktype") String taskType,
            @Nullable @QueryValue String start,
            @Nullable @QueryValue String count) {
        int from = QueryParams.intOr("start", start, 0, 0, Integer.MAX_VALUE);
        int size = QueryParams.intOr("count", count, 100, 0, settings.getMaxSearchSize());
        DefinitionLookup lookup = definitions.lookup();
        List<Task> out = new ArrayList<>();
        for (TaskSearch.Hit h : tasks.pending(taskType, from, size)) {
            out.add(TaskViews.task(h.workflow(), h.task(), WorkflowContext.of(h.workflow(), lookup), null));
        }
        return out;
    }
}
