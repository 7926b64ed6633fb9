package dev.baton.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskDef;
import dev.baton.dsl.TaskKind;
import dev.baton.dsl.WorkflowDef;
import dev.baton.dsl.WorkflowTask;
import dev.baton.engine.Definitions;
import dev.baton.engine.EngineSettings;
import dev.baton.engine.Scripts;
import dev.baton.engine.dispatch.TaskDomains;
import dev.baton.engine.dispatch.TaskLimits;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.expr.ExpressionContext;
import dev.baton.engine.expr.Secrets;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One engine step in progress: the instance being changed, the time, and the effects
 * collected so far. Processors change the instance only through it, so that every change
 * is dated and every event numbered.
 */
public final class Step {
    final WorkflowInstance wf;
    final WorkflowDef def;
    final Definitions definitions;
    final Scripts scripts;
    final EngineSettings settings;
    final Graph graph;
    final long now;
    final List<Effect> effects;
    private int scheduledTasks;
    private boolean continuing;
    /** Forks whose branches are being scheduled now (see {@link #afterBranches}). */
    private int forking;

    private final List<Runnable> afterBranches = new ArrayList<>();

    Step(
            WorkflowInstance wf,
            WorkflowDef def,
            Definitions definitions,
            Scripts scripts,
            EngineSettings settings,
            long now) {
        this(wf, def, definitions, scripts, settings, now, new ArrayList<>());
    }

    /** The same step continued under another definition (a restart on the latest version). */
    Step(
            WorkflowInstance wf,
            WorkflowDef def,
            Definitions definitions,
            Scripts scripts,
            EngineSettings settings,
            long now,
            List<Effect> effects) {
        this.wf = wf;
        this.def = def;
        this.definitions = definitions;
        this.scripts = scripts;
        this.settings = settings;
        this.graph = new Graph(def);
        this.now = now;
        this.effects = effects;
    }

    /** A fork starts scheduling its branches. */
    void beginBranches() {
        forking++;
    }

    /** The fork has scheduled its branches and its JOIN: what was held back for it runs now, in order. */
    void endBranches() {
        if (--forking == 0 && !afterBranches.isEmpty()) {
            // taken out first: an action may start a fork of its own, which holds back (and runs) its own actions
            List<Runnable> held = new ArrayList<>(afterBranches);
            afterBranches.clear();
            held.forEach(Runnable::run);
        }
    }

    /**
     * Runs {@code action} now, or, while a fork schedules its branches, once it has scheduled them all and its JOIN:
     * as in Conductor, where a fork's mapper maps only each branch's first task (and what a fork or a switch maps
     * with it), and what a task does when it runs comes after.
     */
    void afterBranches(Runnable action) {
        if (forking > 0) {
            afterBranches.add(action);
        } else {
            action.run();
        }
    }

    /** One more task was created in this step (counted against the step budget). */
    void scheduled() {
        scheduledTasks++;
    }

    /** Whether this step has created as many tasks as one step may. */
    boolean overBudget() {
        return scheduledTasks >= settings.maxTasksPerStep();
    }

    /** Stops here: the rest is decided in a later step, which the runtime starts at once. */
    void continueLater() {
        if (!continuing) {
            continuing = true;
            effects.add(new Effect.Continue());
        }
    }

    /** A deterministic, UUID-shaped id unique within the instance (replay gives the same ids). */
    String newId(String kind) {
        wf.idCounter++;
        return UUID.nameUUIDFromBytes(
                        (wf.workflowId + "/" + kind + "/" + wf.idCounter).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    TaskDef taskDef(String name) {
        return definitions.task(name).orElseGet(() -> TaskDef.defaultsFor(name));
    }

    /** The definition that governs a task: the inline one when the workflow declares it, else the registered one. */
    TaskDef taskDefFor(TaskState task) {
        WorkflowTask wt = workflowTask(task);
        if (wt != null && wt.taskDefinition() != null) {
            return wt.taskDefinition();
        }
        if (!task.kind().isWorkerTask()) {
            // System tasks have no retries and no response timeout unless a definition says so.
            return definitions.task(task.taskDefName).orElseGet(() -> TaskDef.systemDefaultsFor(task.taskDefName));
        }
        return taskDef(task.taskDefName);
    }

    /** The definition entry a task was made from (null for dynamically forked tasks). */
    WorkflowTask workflowTask(TaskState task) {
        Graph.Node node = graph.node(task.defRef);
        return node == null ? null : node.task();
    }

    void event(EventType type, TaskState task, JsonNode payload, String reason) {
        wf.seq++;
        effects.add(new Effect.HistoryEvent(
                wf.seq,
                now,
                type,
                task == null ? null : task.taskId,
                task == null ? null : task.referenceTaskName,
                task == null ? null : task.taskDefName,
                task == null ? null : task.attempt(),
                task == null ? wf.status.name() : task.status.name(),
                payload,
                reason));
    }

    void setTimer(String timerId, long dueAt) {
        cancelTimer(timerId);
        wf.timers.put(timerId, dueAt);
        effects.add(new Effect.SetTimer(timerId, dueAt));
    }

    void cancelTimer(String timerId) {
        Long due = wf.timers.remove(timerId);
        if (due != null) {
            effects.add(new Effect.CancelTimer(timerId, due));
        }
    }

    void cancelAllTimers() {
        for (String id : List.copyOf(wf.timers.keySet())) {
            cancelTimer(id);
        }
    }

    /** Topic of the built-in HTTP worker, for HTTP tasks whose definition names no other. */
    /**
     * The expression context for a template: what its expressions can reach of the instance, and the environment
     * values it names ({@code ${workflow.env.NAME}}).
     */
    ObjectNode context(JsonNode template) {
        ObjectNode context = ExpressionContext.forTemplate(wf, template);
        Secrets.addEnvironment(context, template, settings.environment());
        return context;
    }

    static final String HTTP_TOPIC = "baton.http.commands";

    void dispatch(TaskState task) {
        WorkflowTask wt = workflowTask(task);
        if (wt != null && wt.isObserved()) {
            return; // Baton only watches this step: its completeOn / failOn event ends it
        }
        TaskDef def = taskDefFor(task);
        String topic = task.kind() == TaskKind.HTTP
                        && (def.commandTopic() == null || def.commandTopic().isBlank())
                ? HTTP_TOPIC
                : def.commandTopicOrDefault();
        TaskLimits limits = Slots.hold(this, task, def);
        Timeouts.armPoll(this, task, def);
        effects.add(new Effect.DispatchTask(
                topic,
                task.copy(),
                def.avroCommandSubject(),
                blankToNull(def.commandKey()),
                blankToNull(def.replyTopic()),
                domains(task),
                limits));
    }

    /** The domains a worker task may go to (Conductor's taskToDomain); system tasks get none. */
    private List<String> domains(TaskState task) {
        return task.kind().isWorkerTask() ? TaskDomains.candidates(wf.taskToDomain, task.taskDefName) : List.of();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
