package dev.baton.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.DefinitionParser;
import dev.baton.dsl.TaskDef;
import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskIndex;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.process.WorkflowEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives the pure {@link WorkflowEngine} the way the runtime does, without Kafka: in-memory
 * definitions, a clock the test moves, instances kept as JSON between steps (as a state store
 * would), and every effect recorded per workflow. Given/when/then tests read the records
 * through {@link #assertThat(String)}.
 */
public final class EngineHarness {
    /** The clock's start: a fixed, readable instant (2023-11-14T22:13:20Z). */
    public static final long T0 = 1_700_000_000_000L;

    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A command the engine dispatched, copied when it was emitted. */
    public record Command(
            String workflowId,
            String topic,
            String taskId,
            String taskRef,
            String taskType,
            int attempt,
            ObjectNode input) {}

    /** A timer the engine armed and has not yet fired or cancelled. */
    public record PendingTimer(String workflowId, String timerId, long dueAt) {}

    private final InMemoryDefinitions definitions = new InMemoryDefinitions();
    private final WorkflowEngine engine;
    private final Map<String, String> snapshots = new LinkedHashMap<>();
    private final Map<String, List<Effect>> effects = new LinkedHashMap<>();
    private final Map<String, List<String>> effectJson = new LinkedHashMap<>();
    private final Map<String, List<Command>> commands = new LinkedHashMap<>();
    private final Map<String, PendingTimer> timers = new LinkedHashMap<>();
    private List<Effect> lastEffects = List.of();
    private WorkflowRouter router;
    private long now = T0;
    private int startedCount;

    public EngineHarness() {
        this(EngineSettings.defaults());
    }

    /** An engine with the given limits. */
    public EngineHarness(EngineSettings settings) {
        this.engine = new WorkflowEngine(definitions, new dev.baton.engine.script.SandboxedScripts(), settings);
    }

    /**
     * Carries effects between workflows from now on, as the runtime does: children start, report to
     * their parents, are terminated and retried. Without it they are only recorded.
     */
    public EngineHarness routeBetweenWorkflows() {
        router = new WorkflowRouter();
        return this;
    }

    /** Inputs the router delivered and their target rejected (the runtime dead-letters them). */
    public List<String> routingNotes() {
        return router == null ? List.of() : List.copyOf(router.notes());
    }

    // ---- definitions -------------------------------------------------------------------

    /** Parses (validating) and registers a workflow definition given as Conductor JSON or YAML. */
    public WorkflowDef registerWorkflow(String text) {
        WorkflowDef def = DefinitionParser.workflow(text);
        definitions.register(def);
        return def;
    }

    /** Parses (validating) and registers one task definition. */
    public TaskDef registerTask(String text) {
        TaskDef def = DefinitionParser.task(text);
        definitions.register(def);
        return def;
    }

    public Definitions definitions() {
        return definitions;
    }

    public WorkflowEngine engine() {
        return engine;
    }

    // ---- clock -------------------------------------------------------------------------

    public long now() {
        return now;
    }

    /** Moves the clock forward without firing anything. */
    public EngineHarness advance(Duration d) {
        now += d.toMillis();
        return this;
    }

    // ---- inputs ------------------------------------------------------------------------

    /** Starts the latest version of a workflow with a JSON object input; returns the new workflow id. */
    public String start(String workflowName, String inputJson) {
        return start(workflowName, inputJson, null);
    }

    public String start(String workflowName, String inputJson, String correlationId) {
        return start(workflowName, inputJson, correlationId, null);
    }

    /** Starts the latest version with Conductor's taskToDomain map (may be null). */
    public String start(String workflowName, String inputJson, String correlationId, Map<String, String> taskToDomain) {
        WorkflowDef def = definitions
                .workflow(workflowName, null)
                .orElseThrow(() -> new IllegalArgumentException("no workflow " + workflowName));
        String id = "wf-" + (++startedCount);
        Transition t = engine.start(
                new EngineInput.Start(id, def, object(inputJson), correlationId, null, null, taskToDomain), now);
        record(id, t);
        return id;
    }

    /** Starts an instance with its own id (a child the router starts). */
    Transition startWith(EngineInput.Start start) {
        Transition t = engine.start(start, now);
        record(start.workflowId(), t);
        return t;
    }

    /** Replies for the current attempt of a task reference (its newest execution). */
    public Transition reply(String workflowId, String taskRef, ReplyStatus status, String outputJson, String reason) {
        TaskState t = current(workflowId, taskRef);
        return replyTo(workflowId, t.taskId, t.attempt(), status, outputJson, reason);
    }

    public Transition complete(String workflowId, String taskRef, String outputJson) {
        return reply(workflowId, taskRef, ReplyStatus.COMPLETED, outputJson, null);
    }

    public Transition fail(String workflowId, String taskRef, String reason) {
        return reply(workflowId, taskRef, ReplyStatus.FAILED, "{\"reason\":\"" + reason + "\"}", reason);
    }

    public Transition failTerminal(String workflowId, String taskRef, String reason) {
        return reply(
                workflowId, taskRef, ReplyStatus.FAILED_WITH_TERMINAL_ERROR, "{\"reason\":\"" + reason + "\"}", reason);
    }

    public Transition inProgress(String workflowId, String taskRef) {
        return reply(workflowId, taskRef, ReplyStatus.IN_PROGRESS, "{}", null);
    }

    /** A raw reply, naming the task id and attempt explicitly (for stale or forged replies). */
    public Transition replyTo(
            String workflowId, String taskId, Integer attempt, ReplyStatus status, String outputJson, String reason) {
        return apply(
                workflowId,
                new EngineInput.TaskResult(
                        taskId, attempt, status, outputJson == null ? null : object(outputJson), reason, null));
    }

    public Transition pause(String workflowId) {
        return apply(workflowId, new EngineInput.Pause("paused by test"));
    }

    public Transition resume(String workflowId) {
        return apply(workflowId, new EngineInput.Resume("resumed by test"));
    }

    public Transition terminate(String workflowId, String reason) {
        return apply(workflowId, new EngineInput.Terminate(reason));
    }

    /** Fires one timer by id, whether or not the harness thinks it is pending. */
    public Transition fireTimer(String workflowId, String timerId) {
        timers.remove(workflowId + "|" + timerId);
        return apply(workflowId, new EngineInput.TimerFired(timerId));
    }

    /** Moves the clock by {@code advance}, then fires every pending timer due by then, earliest first. Returns how many fired. */
    public int fireDueTimers(Duration advance) {
        advance(advance);
        int fired = 0;
        while (true) {
            Optional<PendingTimer> due = timers.values().stream()
                    .filter(p -> p.dueAt() <= now)
                    .min(Comparator.comparingLong(PendingTimer::dueAt).thenComparing(PendingTimer::timerId));
            if (due.isEmpty()) {
                return fired;
            }
            fireTimer(due.get().workflowId(), due.get().timerId());
            fired++;
        }
    }

    /**
     * Loads the stored instance, applies one input at the current time and stores the result.
     * A {@link RejectedInputException} propagates and leaves the stored instance as it was.
     */
    public Transition apply(String workflowId, EngineInput input) {
        Transition t = engine.apply(load(workflowId), input, now);
        record(workflowId, t);
        return t;
    }

    // ---- records -----------------------------------------------------------------------

    /** A fresh copy of the stored instance. */
    public WorkflowInstance instance(String workflowId) {
        return load(workflowId);
    }

    /** The stored instance as JSON, exactly as the harness keeps it between steps. */
    public String instanceJson(String workflowId) {
        String json = snapshots.get(workflowId);
        if (json == null) {
            throw new IllegalArgumentException("no workflow " + workflowId);
        }
        return json;
    }

    public TaskState current(String workflowId, String taskRef) {
        return instance(workflowId)
                .latest(taskRef)
                .orElseThrow(() -> new AssertionError("no task " + taskRef + " in " + workflowId));
    }

    /** Every effect of a workflow, in order, as the engine returned them. */
    public List<Effect> effects(String workflowId) {
        return List.copyOf(effects.getOrDefault(workflowId, List.of()));
    }

    /** Every effect of a workflow as JSON, written the moment it was emitted. */
    public List<String> effectsAsJson(String workflowId) {
        return List.copyOf(effectJson.getOrDefault(workflowId, List.of()));
    }

    /** The effects of the most recent successful step, whichever workflow it was. */
    public List<Effect> lastEffects() {
        return lastEffects;
    }

    public List<Effect.HistoryEvent> events(String workflowId) {
        return effects(workflowId).stream()
                .filter(Effect.HistoryEvent.class::isInstance)
                .map(Effect.HistoryEvent.class::cast)
                .toList();
    }

    public List<Command> commands(String workflowId) {
        return List.copyOf(commands.getOrDefault(workflowId, List.of()));
    }

    public List<Effect.SetTimer> timersSet(String workflowId) {
        return effects(workflowId).stream()
                .filter(Effect.SetTimer.class::isInstance)
                .map(Effect.SetTimer.class::cast)
                .toList();
    }

    public List<Effect.CancelTimer> timersCancelled(String workflowId) {
        return effects(workflowId).stream()
                .filter(Effect.CancelTimer.class::isInstance)
                .map(Effect.CancelTimer.class::cast)
                .toList();
    }

    public List<PendingTimer> pendingTimers() {
        return List.copyOf(timers.values());
    }

    public WorkflowAssert assertThat(String workflowId) {
        return new WorkflowAssert(this, workflowId);
    }

    // ---- JSON helpers ------------------------------------------------------------------

    public static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- internals ---------------------------------------------------------------------

    private WorkflowInstance load(String workflowId) {
        try {
            return JSON.readValue(instanceJson(workflowId), WorkflowInstance.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void record(String workflowId, Transition t) {
        String json = toJson(t.instance());
        verifyChangeTracking(snapshots.get(workflowId), t.instance());
        try {
            String again = toJson(JSON.readValue(json, WorkflowInstance.class));
            if (!again.equals(json)) {
                throw new AssertionError("instance does not survive a JSON round trip:\n" + json + "\n" + again);
            }
        } catch (JsonProcessingException e) {
            throw new AssertionError("instance JSON does not read back", e);
        }
        snapshots.put(workflowId, json);
        List<Effect> list = effects.computeIfAbsent(workflowId, k -> new ArrayList<>());
        List<String> jsonList = effectJson.computeIfAbsent(workflowId, k -> new ArrayList<>());
        for (Effect e : t.effects()) {
            list.add(e);
            jsonList.add(e.getClass().getSimpleName() + toJson(e));
            if (router != null) {
                router.offer(e);
            }
            if (e instanceof Effect.DispatchTask d) {
                TaskState task = d.task();
                commands.computeIfAbsent(workflowId, k -> new ArrayList<>())
                        .add(new Command(
                                workflowId,
                                d.topic(),
                                task.taskId,
                                task.referenceTaskName,
                                task.taskDefName,
                                task.attempt(),
                                task.inputData == null ? null : task.inputData.deepCopy()));
            } else if (e instanceof Effect.SetTimer s) {
                timers.put(workflowId + "|" + s.timerId(), new PendingTimer(workflowId, s.timerId(), s.dueAt()));
            } else if (e instanceof Effect.CancelTimer c) {
                timers.remove(workflowId + "|" + c.timerId());
            }
        }
        lastEffects = t.effects();
        if (t.effects().stream().anyMatch(e -> e instanceof Effect.Continue)) {
            apply(workflowId, new EngineInput.Continue()); // as the runtime does: the step goes on at once
        }
        if (router != null) {
            router.drain(this);
        }
    }

    /**
     * A store writes only the tasks that may have changed: those not settled before the step, new
     * ones, and those the step reports (touched, or the whole list when restructured). Any other
     * change would be lost on the next load; this fails the test that makes one.
     */
    private static void verifyChangeTracking(String before, WorkflowInstance after) {
        if (before == null || after.restructured()) {
            return;
        }
        try {
            WorkflowInstance old = JSON.readValue(before, WorkflowInstance.class);
            Map<String, TaskState> now = new LinkedHashMap<>();
            after.tasks.forEach(t -> now.put(t.taskId, t));
            for (TaskState was : old.tasks) {
                TaskState is = now.get(was.taskId);
                if (is == null) {
                    throw new AssertionError("task " + was.taskId + " removed without tasksRestructured()");
                }
                if (TaskIndex.settled(was)
                        && !after.touchedTaskIds().contains(was.taskId)
                        && !toJson(was).equals(toJson(is))) {
                    throw new AssertionError("settled task " + was.referenceTaskName + " changed without touched(): "
                            + toJson(was) + " -> " + toJson(is));
                }
            }
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
