package dev.baton.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.TaskDef;
import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.Definitions;
import dev.baton.engine.EngineHarness;
import dev.baton.engine.InMemoryDefinitions;
import dev.baton.engine.RejectedInputException;
import dev.baton.engine.Transition;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.process.WorkflowEngine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An in-memory, single-threaded runtime around the pure {@link WorkflowEngine} for conformance
 * runs: many instances by id, registered definitions, a clock that only moves when told, a
 * due-ordered timer queue (ties broken by timer id, then workflow id, as the orchestrator's
 * timer store orders its keys), per-task-type worker queues, and the routing of effects between
 * instances (child starts, parent notifications, terminations). After every input it settles:
 * it keeps applying internal work and due timers until nothing is left.
 *
 * <p>Anything odd the runtime meets (an input the engine rejected, a child whose definition is
 * unknown) is kept in {@link #notes()} rather than thrown, so that the scenario's expectations
 * decide the verdict.
 */
public final class ConformanceRuntime {
    /** The clock's start, as in the engine's other tests. */
    public static final long T0 = EngineHarness.T0;

    private static final int SETTLE_LIMIT = 20_000;

    /** A task a worker took: a copy of it as handed out, and the attempt to reply for. */
    public record Handed(String workflowId, String taskId, int attempt, TaskState task) {}

    private record Timer(String workflowId, String timerId, long dueAt) {}

    private final InMemoryDefinitions definitions = new InMemoryDefinitions();
    private WorkflowEngine engine = new WorkflowEngine(definitions);
    private final Map<String, WorkflowInstance> instances = new LinkedHashMap<>();
    private final Deque<Effect> pending = new ArrayDeque<>();
    private final Deque<String> continuations = new ArrayDeque<>();
    private final List<Timer> timers = new ArrayList<>();
    private final WorkerQueues queues = new WorkerQueues();
    private final List<Effect.Publish> published = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, JsonNode> engineConfig = new LinkedHashMap<>();
    private StringBuilder trace;
    private long now = T0;
    private int startedCount;

    // ---- definitions and configuration -------------------------------------------------

    public void registerWorkflow(WorkflowDef def) {
        definitions.register(def);
    }

    public void registerTask(TaskDef def) {
        definitions.register(def);
    }

    public Definitions definitions() {
        return definitions;
    }

    /** Records an engine setting a scenario asks for. The engine API takes no configuration yet. */
    public void configure(String key, JsonNode value) {
        engineConfig.put(key, value);
        if ("maxWorkflowVariablesPayloadSizeKB".equals(key)) {
            engine = new WorkflowEngine(
                    definitions,
                    new dev.baton.engine.script.SandboxedScripts(),
                    new dev.baton.engine.EngineSettings(value.asLong() * 1024));
        } else {
            note("engine config " + key + "=" + value + " recorded only: the engine does not know this setting");
        }
    }

    public Map<String, JsonNode> engineConfig() {
        return engineConfig;
    }

    /** Starts recording every input and effect (for diagnosing one scenario). */
    public void enableTrace() {
        trace = new StringBuilder();
    }

    /** The recorded trace, or null when tracing is off. */
    public String trace() {
        return trace == null ? null : trace.toString();
    }

    /** Adds a line to the trace, if tracing is on. */
    public void trace(String line) {
        if (trace != null) {
            trace.append("[t+")
                    .append((now - T0) / 1000.0)
                    .append("s] ")
                    .append(line)
                    .append('\n');
        }
    }

    // ---- clock ----------------------------------------------------------------------------

    public long now() {
        return now;
    }

    /** Lets {@code seconds} pass: fires every timer due by then in due order, settling after each. */
    public void advance(long seconds) {
        advanceTo(now + seconds * 1000);
    }

    private void advanceTo(long target) {
        settle();
        while (true) {
            Optional<Timer> due = nextTimer(target);
            if (due.isEmpty()) {
                break;
            }
            now = Math.max(now, due.get().dueAt());
            fire(due.get());
            settle();
        }
        now = Math.max(now, target);
        settle();
    }

    // ---- instances and inputs -------------------------------------------------------------

    /** Starts an instance and settles; returns its id. */
    public String start(WorkflowDef def, ObjectNode input, String correlationId) {
        String id = "wf-" + (++startedCount);
        trace(id + " <- Start " + def.name() + " v" + def.versionOrDefault() + " " + input);
        Transition t = engine.start(new EngineInput.Start(id, def, input, correlationId, null, null), now);
        instances.put(id, t.instance());
        route(id, t);
        settle();
        return id;
    }

    /** Applies one input to an instance and settles. A rejection propagates; nothing is settled then. */
    public Transition apply(String workflowId, EngineInput input) {
        WorkflowInstance wf =
                instance(workflowId).orElseThrow(() -> new IllegalArgumentException("no workflow " + workflowId));
        trace(workflowId + " <- " + input);
        Transition t = engine.apply(wf, input, now);
        route(workflowId, t);
        settle();
        return t;
    }

    public Optional<WorkflowInstance> instance(String workflowId) {
        return Optional.ofNullable(workflowId == null ? null : instances.get(workflowId));
    }

    public Map<String, WorkflowInstance> instances() {
        return instances;
    }

    public List<Effect.Publish> published() {
        return published;
    }

    /** What the runtime met on the way that the scenario did not ask about (rejections, unknown children). */
    public List<String> notes() {
        return notes;
    }

    // ---- workers --------------------------------------------------------------------------

    /** Whether a worker of {@code taskType} would get a task now. */
    public boolean available(String taskType) {
        settle();
        pruneQueues();
        return queues.peek(taskType, now).isPresent();
    }

    /**
     * A worker of {@code taskType} polls: takes the first visible task and the engine learns
     * of the poll ({@code TaskPolled}). When none is visible, waits (moving the clock) for
     * timers and postponed tasks due within {@code maxWaitSeconds}.
     */
    public Optional<Handed> poll(String taskType, long maxWaitSeconds) {
        long deadline = now + maxWaitSeconds * 1000;
        long started = now;
        while (true) {
            settle();
            pruneQueues();
            Optional<WorkerQueues.Entry> e = queues.peek(taskType, now);
            if (e.isPresent()) {
                if (now > started) {
                    note("waited " + (now - started) / 1000.0 + " s for a task of type " + taskType);
                }
                return Optional.of(take(e.get()));
            }
            OptionalLong nextTimer =
                    nextTimer(deadline).map(t -> OptionalLong.of(t.dueAt())).orElse(OptionalLong.empty());
            OptionalLong nextVisible = queues.nextVisible(taskType, now);
            long next = Long.MAX_VALUE;
            if (nextTimer.isPresent()) {
                next = nextTimer.getAsLong();
            }
            if (nextVisible.isPresent() && nextVisible.getAsLong() <= deadline) {
                next = Math.min(next, nextVisible.getAsLong());
            }
            if (next == Long.MAX_VALUE) {
                return Optional.empty();
            }
            advanceTo(Math.max(next, now));
        }
    }

    private Handed take(WorkerQueues.Entry e) {
        queues.remove(e.taskId());
        WorkflowInstance wf = instances.get(e.workflowId());
        try {
            trace(e.workflowId() + " <- TaskPolled " + describe(wf, e.taskId()));
            Transition t = engine.apply(wf, new EngineInput.TaskPolled(e.taskId()), now);
            route(e.workflowId(), t);
        } catch (RejectedInputException ex) {
            note("engine rejected TaskPolled(" + describe(wf, e.taskId()) + "): " + ex.getMessage());
        }
        TaskState task = wf.task(e.taskId()).orElseThrow();
        Handed h = new Handed(e.workflowId(), e.taskId(), task.attempt(), task.copy());
        settle();
        return h;
    }

    /**
     * A worker's reply for a task it took. A rejected reply is noted and ignored (Conductor drops
     * updates for finished tasks). After IN_PROGRESS the task goes back to its queue, hidden for
     * {@code callbackAfterSeconds}.
     */
    public void reply(Handed h, ReplyStatus status, ObjectNode output, String reason, Long callbackAfterSeconds) {
        WorkflowInstance wf = instances.get(h.workflowId());
        trace(h.workflowId() + " <- " + status + " reply for " + describe(wf, h.taskId()) + " output " + output
                + (reason == null ? "" : " reason " + reason)
                + (callbackAfterSeconds == null ? "" : " callbackAfterSeconds " + callbackAfterSeconds));
        try {
            Transition t = engine.apply(
                    wf,
                    new EngineInput.TaskResult(h.taskId(), h.attempt(), status, output, reason, callbackAfterSeconds),
                    now);
            route(h.workflowId(), t);
        } catch (RejectedInputException ex) {
            note("engine rejected " + status + " reply for " + describe(wf, h.taskId()) + ": " + ex.getMessage());
        }
        if (status == ReplyStatus.IN_PROGRESS) {
            wf.task(h.taskId())
                    .filter(t -> t.status != null && !t.status.isTerminal())
                    .ifPresent(t -> queues.offer(
                            queueOf(t),
                            h.workflowId(),
                            t.taskId,
                            now + 1000 * (callbackAfterSeconds == null ? 0 : callbackAfterSeconds)));
        }
        settle();
    }

    /** Makes the workflow's postponed tasks available now. */
    public int resetCallbacks(String workflowId) {
        return queues.resetCallbacks(workflowId, now);
    }

    // ---- internals ------------------------------------------------------------------------

    /** Applies pending cross-instance work and due timers until there is none. */
    public void settle() {
        int steps = 0;
        while (true) {
            Effect work = pending.poll();
            String continued = work == null ? continuations.poll() : null;
            if (work != null) {
                process(work);
            } else if (continued != null) {
                applyInternal(continued, new EngineInput.Continue(), "Continue");
            } else {
                Optional<Timer> due = nextTimer(now);
                if (due.isEmpty()) {
                    return;
                }
                fire(due.get());
            }
            if (++steps > SETTLE_LIMIT) {
                throw new IllegalStateException("the runtime did not settle after " + SETTLE_LIMIT + " steps");
            }
        }
    }

    private void route(String workflowId, Transition t) {
        for (Effect e : t.effects()) {
            if (trace != null && !(e instanceof Effect.HistoryEvent)) {
                trace("  " + workflowId + " -> "
                        + (e instanceof Effect.DispatchTask d
                                ? "DispatchTask " + d.topic() + " " + d.task().referenceTaskName + "/" + d.task().taskId
                                : e));
            }
            if (e instanceof Effect.DispatchTask d) {
                queues.offer(queueOf(d.task()), workflowId, d.task().taskId, now);
            } else if (e instanceof Effect.SetTimer s) {
                timers.removeIf(
                        x -> x.workflowId().equals(workflowId) && x.timerId().equals(s.timerId()));
                timers.add(new Timer(workflowId, s.timerId(), s.dueAt()));
            } else if (e instanceof Effect.CancelTimer c) {
                timers.removeIf(
                        x -> x.workflowId().equals(workflowId) && x.timerId().equals(c.timerId()));
            } else if (e instanceof Effect.Publish p) {
                published.add(p);
            } else if (e instanceof Effect.StartWorkflow
                    || e instanceof Effect.NotifyParent
                    || e instanceof Effect.TerminateWorkflow
                    || e instanceof Effect.RetryWorkflow) {
                pending.add(e);
            } else if (e instanceof Effect.Continue) {
                continuations.add(workflowId); // the step goes on, as the runtime's CONTINUE command makes it
            }
        }
    }

    private void process(Effect work) {
        if (work instanceof Effect.StartWorkflow s) {
            startChild(s);
        } else if (work instanceof Effect.NotifyParent n) {
            applyInternal(
                    n.parentWorkflowId(),
                    new EngineInput.ChildFinished(
                            n.parentTaskId(), n.childWorkflowId(), n.status(), n.output(), n.reason()),
                    "ChildFinished from " + n.childWorkflowId());
        } else if (work instanceof Effect.TerminateWorkflow t) {
            applyInternal(t.workflowId(), new EngineInput.Terminate(t.reason()), "Terminate");
        } else if (work instanceof Effect.RetryWorkflow r) {
            applyInternal(r.workflowId(), new EngineInput.Retry(r.resumeSubworkflowTasks()), "Retry");
        }
    }

    private void startChild(Effect.StartWorkflow s) {
        WorkflowDef def = s.definition();
        if (def == null) {
            def = definitions.workflow(s.name(), s.version()).orElse(null);
            if (def == null) {
                note("StartWorkflow: no definition " + s.name() + " v" + s.version() + "; child not started");
                return;
            }
        } else if (definitions.workflow(def.name(), def.versionOrDefault()).isEmpty()) {
            // the engine looks definitions up by name and version on every later input
            registerWorkflow(def);
        }
        String id = s.workflowId() != null ? s.workflowId() : "wf-" + (++startedCount);
        if (instances.containsKey(id)) {
            note("StartWorkflow: workflow id " + id + " already exists; not started again");
            return;
        }
        try {
            trace(id + " <- Start (child) " + def.name() + " v" + def.versionOrDefault() + " parent "
                    + s.parentWorkflowId());
            Transition t = engine.start(
                    new EngineInput.Start(
                            id, def, s.input(), s.correlationId(), s.parentWorkflowId(), s.parentTaskId()),
                    now);
            instances.put(id, t.instance());
            route(id, t);
        } catch (RejectedInputException ex) {
            note("engine rejected the start of " + def.name() + " (" + id + "): " + ex.getMessage());
        }
    }

    private void applyInternal(String workflowId, EngineInput input, String what) {
        WorkflowInstance wf = instances.get(workflowId);
        if (wf == null) {
            note(what + ": no workflow " + workflowId);
            return;
        }
        try {
            trace(workflowId + " <- " + input);
            route(workflowId, engine.apply(wf, input, now));
        } catch (RejectedInputException ex) {
            note("engine rejected " + what + " for " + workflowId + ": " + ex.getMessage());
        }
    }

    private void fire(Timer t) {
        timers.remove(t);
        applyInternal(t.workflowId(), new EngineInput.TimerFired(t.timerId()), "TimerFired(" + t.timerId() + ")");
    }

    private Optional<Timer> nextTimer(long dueBy) {
        return timers.stream()
                .filter(t -> t.dueAt() <= dueBy)
                .min(Comparator.comparingLong(Timer::dueAt)
                        .thenComparing(Timer::timerId)
                        .thenComparing(Timer::workflowId));
    }

    private void pruneQueues() {
        queues.prune(e -> {
            WorkflowInstance wf = instances.get(e.workflowId());
            return wf == null
                    || wf.task(e.taskId())
                            .map(t -> t.status == null || t.status.isTerminal())
                            .orElse(true);
        });
    }

    private static String queueOf(TaskState task) {
        return task.taskDefName != null ? task.taskDefName : task.conductorType();
    }

    private static String describe(WorkflowInstance wf, String taskId) {
        return wf.task(taskId)
                .map(t -> t.referenceTaskName + "/" + t.taskId + " (" + t.status + ")")
                .orElse(taskId);
    }

    private void note(String text) {
        trace("NOTE " + text);
        notes.add("[t+" + (now - T0) / 1000.0 + "s] " + text);
    }
}
