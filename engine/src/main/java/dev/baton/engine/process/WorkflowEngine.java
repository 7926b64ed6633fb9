package dev.baton.engine.process;

import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.Definitions;
import dev.baton.engine.EngineSettings;
import dev.baton.engine.RejectedInputException;
import dev.baton.engine.Scripts;
import dev.baton.engine.Transition;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.script.SandboxedScripts;
import java.util.List;

/**
 * The pure engine: {@code (instance, input, now) → (instance', effects)}. No clock, no I/O:
 * time comes in as {@code now} and every delay leaves as a timer effect. The instance passed
 * in is changed in place and returned in the transition. Each input kind has its processor,
 * which records what happened to a task; then the {@link Decider} decides what follows.
 */
public final class WorkflowEngine {
    /**
     * The timer the step that ends an instance sets for the end of its retention ({@link EngineSettings#retentionMillis}):
     * when it fires, the instance is removed ({@link Effect.RemoveInstance}) if it is still finished and ended at
     * least the retention time ago. The id is kept as runtimes before the engine set it wrote it into their stores.
     */
    public static final String RETENTION_TIMER = "baton/retention";

    private final Definitions definitions;
    private final Scripts scripts;
    private final EngineSettings settings;

    /** An engine with sandboxed JavaScript and jq for the scripted system tasks. */
    public WorkflowEngine(Definitions definitions) {
        this(definitions, new SandboxedScripts());
    }

    public WorkflowEngine(Definitions definitions, Scripts scripts) {
        this(definitions, scripts, EngineSettings.defaults());
    }

    public WorkflowEngine(Definitions definitions, Scripts scripts, EngineSettings settings) {
        this.definitions = definitions;
        this.scripts = scripts;
        this.settings = settings;
    }

    /** Starts a new instance. */
    public Transition start(EngineInput.Start start, long now) {
        WorkflowInstance wf = StartProcessor.create(start, now);
        boolean registered = definitions
                .workflow(start.definition().name(), start.definition().versionOrDefault())
                .map(start.definition()::equals)
                .orElse(false);
        if (!registered) {
            wf.definition = start.definition();
        }
        Step s = new Step(wf, start.definition(), definitions, scripts, settings, now);
        wf.updateTime = now;
        StartProcessor.process(s);
        long inputSize = PayloadSizes.of(wf.input);
        if (inputSize > settings.payloads().workflowInput()) {
            wf.input = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            Decider.end(
                    s,
                    dev.baton.engine.model.WorkflowStatus.FAILED,
                    PayloadSizes.workflowTooLarge(
                            inputSize, wf.workflowId, settings.payloads().workflowInput()),
                    dev.baton.engine.effect.EventType.WORKFLOW_FAILED);
            BusinessKeys.bind(wf, start.definition()).ifPresent(s.effects::add);
            Retention.arm(s, false, 0);
            return new Transition(wf, s.effects);
        }
        Timeouts.armWorkflow(s);
        Decider.decide(s);
        Slots.release(s);
        BusinessKeys.bind(wf, start.definition()).ifPresent(s.effects::add);
        Retention.arm(s, false, 0);
        return new Transition(wf, s.effects);
    }

    /**
     * A START that creates no instance (it names no definition that exists): a SUB_WORKFLOW child's parent learns
     * that its child FAILED with the reason; any other start leaves nothing to do.
     */
    public static List<Effect> startRefused(
            String workflowId, String parentWorkflowId, String parentTaskId, String reason) {
        if (parentWorkflowId == null || parentTaskId == null) {
            return List.of();
        }
        return List.of(new Effect.NotifyParent(
                parentWorkflowId,
                parentTaskId,
                workflowId,
                dev.baton.engine.model.WorkflowStatus.FAILED,
                null,
                reason));
    }

    /**
     * Applies one input to an existing instance.
     *
     * @throws RejectedInputException when the input does not apply to the instance as it is
     */
    public Transition apply(WorkflowInstance wf, EngineInput input, long now) {
        if (input instanceof EngineInput.Delete d) {
            // whatever its status, and even without its definition
            return ControlProcessor.delete(wf, knownDefinition(wf), d, now);
        }
        if (input instanceof EngineInput.Expire e) {
            return Retention.expire(wf, knownDefinition(wf), e.retentionMillis(), now); // without its definition too
        }
        if (input instanceof EngineInput.TimerFired f && RETENTION_TIMER.equals(f.timerId())) {
            return Retention.expire(wf, knownDefinition(wf), settings.retentionMillis(), now); // the same
        }
        boolean wasTerminal = wf.isTerminal();
        long endedBefore = wf.endTime;
        WorkflowDef def = wf.definition != null
                ? wf.definition
                : definitions
                        .workflow(wf.workflowName, wf.workflowVersion)
                        .orElseThrow(() -> new RejectedInputException(
                                "definition " + wf.workflowName + " v" + wf.workflowVersion + " is not registered"));
        Step s = new Step(wf, def, definitions, scripts, settings, now);
        if (input instanceof EngineInput.TaskResult r) {
            TaskResultProcessor.process(s, r);
        } else if (input instanceof EngineInput.TaskPolled p) {
            TaskResultProcessor.polled(s, p);
        } else if (input instanceof EngineInput.TaskLogs l) {
            // Logs change the task's record only: nothing to decide, no event.
            boolean changed = TaskResultProcessor.logs(s, l);
            return new Transition(wf, s.effects, changed);
        } else if (input instanceof EngineInput.ResetCallbacks) {
            // callbacks change the tasks' records only: nothing to decide, no event
            return new Transition(wf, s.effects, ControlProcessor.resetCallbacks(s));
        } else if (input instanceof EngineInput.Signal sig) {
            SignalProcessor.signal(s, sig);
        } else if (input instanceof EngineInput.DomainEvent e) {
            DomainEvents.process(s, e);
        } else if (input instanceof EngineInput.ChildFinished c) {
            SignalProcessor.childFinished(s, c);
        } else if (input instanceof EngineInput.TimerFired t) {
            if (!TimerProcessor.process(s, t)) {
                return new Transition(wf, List.of());
            }
        } else if (input instanceof EngineInput.Pause p) {
            ControlProcessor.pause(s, p);
        } else if (input instanceof EngineInput.Resume r) {
            ControlProcessor.resume(s, r);
        } else if (input instanceof EngineInput.Terminate t) {
            ControlProcessor.terminate(s, t);
        } else if (input instanceof EngineInput.Fail f) {
            ControlProcessor.fail(s, f);
        } else if (input instanceof EngineInput.Restart r) {
            s = OperatorProcessor.restart(s, r);
        } else if (input instanceof EngineInput.Retry r) {
            OperatorProcessor.retry(s, r);
        } else if (input instanceof EngineInput.Rerun r) {
            OperatorProcessor.rerun(s, r);
        } else if (input instanceof EngineInput.SkipTask k) {
            OperatorProcessor.skip(s, k);
        } else if (input instanceof EngineInput.UpdateVariables u) {
            VariablesProcessor.update(s, u);
        } else if (input instanceof EngineInput.Continue) {
            if (s.wf.status != dev.baton.engine.model.WorkflowStatus.RUNNING) {
                return new Transition(wf, List.of()); // paused or ended meanwhile: nothing goes on
            }
        } else {
            throw new RejectedInputException("workflow " + wf.workflowId + " already exists");
        }
        Decider.decide(s);
        DomainEvents.drain(s);
        Slots.release(s);
        Retention.arm(s, wasTerminal, endedBefore);
        wf.updateTime = now;
        return new Transition(wf, s.effects);
    }

    /** The instance's definition, or null when it is neither inline nor registered any more. */
    private WorkflowDef knownDefinition(WorkflowInstance wf) {
        return wf.definition != null
                ? wf.definition
                : definitions.workflow(wf.workflowName, wf.workflowVersion).orElse(null);
    }
}
