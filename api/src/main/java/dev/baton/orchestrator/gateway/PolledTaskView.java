package dev.baton.orchestrator.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskKind;
import dev.baton.engine.Environment;
import dev.baton.engine.expr.Secrets;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.orchestrator.api.model.Task;
import dev.baton.orchestrator.api.model.TaskDef;
import dev.baton.orchestrator.api.model.WorkflowTask;
import dev.baton.orchestrator.api.views.DefinitionLookup;
import dev.baton.orchestrator.api.views.DefinitionViews;
import dev.baton.orchestrator.api.views.TaskViews;
import dev.baton.orchestrator.api.views.WorkflowContext;
import dev.baton.orchestrator.error.ApiException;
import dev.baton.protocol.BatonHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A handed-out command as Conductor's {@code Task}, as a polling worker reads it: the task as its
 * instance shows it (workflow type, seq, iteration, workflowTask, taskDefinition...), IN_PROGRESS,
 * polled now by this worker, with the input the command carries. When the instance cannot be read
 * (removed meanwhile, its store not available), what the command itself carries.
 */
final class PolledTaskView {
    private static final Logger LOG = LoggerFactory.getLogger(PolledTaskView.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PolledTaskView() {}

    /** A command handed out to a worker, with its decoded input. */
    record Taken(CommandRecord command, ObjectNode input, HandedOut handedOut) {}

    /**
     * The handed-out commands as Conductor tasks, each looked up in its instance (each instance read
     * once). A task whose instance cannot be read is described from its command: it has been handed
     * out, and the worker must get it.
     */
    static List<Task> of(
            List<Taken> taken,
            Function<String, Optional<WorkflowInstance>> instances,
            DefinitionLookup lookup,
            Environment environment) {
        Map<String, Optional<WorkflowInstance>> read = new HashMap<>();
        Map<String, WorkflowContext> contexts = new HashMap<>();
        List<Task> out = new ArrayList<>(taken.size());
        for (Taken t : taken) {
            CommandRecord c = t.command();
            Optional<WorkflowInstance> wf;
            try {
                wf = read.computeIfAbsent(c.workflowId(), instances);
            } catch (ApiException | InvalidStateStoreException e) {
                LOG.debug(
                        "Polled task {} described from its command: its instance cannot be read ({})",
                        c.taskId(),
                        e.getMessage());
                wf = Optional.empty();
            }
            Optional<TaskState> state = wf.flatMap(w -> w.task(c.taskId()));
            // as Conductor: the worker gets the secrets its input names (the stored input keeps the references)
            ObjectNode input = Secrets.substitute(t.input(), environment);
            Task task;
            if (state.isPresent()) {
                WorkflowInstance instance = wf.get();
                WorkflowContext ctx =
                        contexts.computeIfAbsent(c.workflowId(), id -> WorkflowContext.of(instance, lookup));
                task = of(instance, state.get(), ctx, input, t.handedOut());
            } else {
                task = of(c, input, t.handedOut(), lookup);
            }
            out.add(task.withRuntimeMetadata(runtimeMetadata(lookup, c.taskType(), environment)));
        }
        return out;
    }

    /**
     * The values of the names a task definition declares in {@code runtimeMetadata}, each a secret or else an
     * environment value; names with neither are left out (Conductor's RuntimeMetadataResolver).
     */
    static Map<String, String> runtimeMetadata(DefinitionLookup lookup, String taskType, Environment environment) {
        JsonNode names =
                lookup.task(taskType).map(d -> d.extra().get("runtimeMetadata")).orElse(null);
        if (names == null || !names.isArray() || names.isEmpty()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode n : names) {
            String name = n.asText();
            String value = environment.secret(name);
            if (value == null) {
                value = environment.env(name);
            }
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }

    /** The task in its instance, as polled. */
    static Task of(WorkflowInstance wf, TaskState t, WorkflowContext ctx, ObjectNode input, HandedOut h) {
        return TaskViews.polled(
                wf,
                t,
                ctx,
                new TaskViews.Poll(
                        h.workerId(),
                        h.polledAt(),
                        h.pollCount(),
                        input,
                        h.command().header(BatonHeaders.DOMAIN)));
    }

    /** The task from its command alone. */
    static Task of(CommandRecord c, ObjectNode input, HandedOut h, DefinitionLookup lookup) {
        TaskDef def = lookup.task(c.taskType())
                .map(DefinitionViews::taskDef)
                .orElseGet(() -> DefinitionViews.defaultTaskDef(c.taskType(), TaskKind.SIMPLE));
        WorkflowTask wt = new WorkflowTask(
                c.taskType(),
                c.taskRef(),
                null,
                NODES.objectNode(),
                TaskKind.SIMPLE.typeName(),
                null,
                null,
                null,
                Map.of(),
                null,
                null,
                List.of(),
                List.of(),
                0,
                null,
                List.of(),
                null,
                false,
                def,
                List.of(),
                false,
                null,
                List.of(),
                null,
                null,
                null,
                NODES.objectNode(),
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                NODES.objectNode(),
                null,
                null,
                null,
                null,
                null);
        return new Task(
                c.taskType(),
                "IN_PROGRESS",
                input,
                c.taskRef(),
                c.attempt(),
                0,
                c.header(BatonHeaders.CORRELATION_ID),
                h.pollCount(),
                c.taskType(),
                c.timestamp(),
                h.polledAt(),
                0,
                h.polledAt(),
                0,
                null,
                false,
                false,
                true,
                def.responseTimeoutSeconds(),
                c.workflowId(),
                null,
                c.taskId(),
                null,
                0,
                h.workerId(),
                NODES.objectNode(),
                wt,
                c.header(BatonHeaders.DOMAIN),
                def.rateLimitPerFrequency() == null ? 0 : def.rateLimitPerFrequency(),
                def.rateLimitFrequencyInSeconds() == null ? 0 : def.rateLimitFrequencyInSeconds(),
                null,
                null,
                0,
                null,
                null,
                0,
                null,
                false,
                null,
                def,
                false,
                Math.max(0, h.polledAt() - c.timestamp()),
                null);
    }
}
