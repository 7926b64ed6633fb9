package dev.baton.orchestrator.gateway;

import dev.baton.orchestrator.api.DefinitionStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Conductor's overview of every task queue ({@code /api/tasks/queue/all} and {@code .../verbose}):
 * one entry per registered task definition and per task type polled on this node. A queue is the
 * type's command topic; its size is the commands no worker has taken yet.
 */
@Controller("/api/tasks/queue")
@Requires(beans = TaskGateway.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
public class TaskQueuesController {
    private final TaskGateway gateway;
    private final Optional<DefinitionStore> definitions;

    public TaskQueuesController(TaskGateway gateway, Optional<DefinitionStore> definitions) {
        this.gateway = gateway;
        this.definitions = definitions;
    }

    /** Task type → commands waiting for a worker. */
    @Get("/all")
    public Map<String, Long> all() {
        Map<String, Long> out = new TreeMap<>();
        for (String type : types()) {
            out.put(type, gateway.queueSize(type));
        }
        return out;
    }

    /**
     * Task type → queue (its command topic) → {@code size} (waiting for a worker) and
     * {@code uacked} (handed out by this node, not reported back yet), in Conductor's shape.
     */
    @Get("/all/verbose")
    public Map<String, Map<String, Map<String, Long>>> allVerbose() {
        Map<String, Map<String, Map<String, Long>>> out = new TreeMap<>();
        for (String type : types()) {
            String topic = gateway.commandTopic(type);
            Map<String, Long> sizes = new LinkedHashMap<>();
            sizes.put("size", gateway.queueSize(type));
            sizes.put("uacked", gateway.inFlight(type));
            out.put(type, Map.of(topic, sizes));
        }
        return out;
    }

    private TreeSet<String> types() {
        TreeSet<String> types = new TreeSet<>(gateway.polledTypes());
        definitions.ifPresent(d -> d.tasks().forEach(t -> types.add(t.name())));
        return types;
    }
}
