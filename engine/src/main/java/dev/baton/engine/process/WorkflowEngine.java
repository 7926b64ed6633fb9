package dev.baton.engine.process;

import dev.baton.dsl.WorkflowDef;
import dev.baton.engine.Definitions;
import dev.baton.engine.RejectedInputException;
import dev.baton.engine.Transition;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.WorkflowInstance;
import java.util.List;

/**
 * The pure engine: {@code (instance, input, now) → (instance', effects)}. No clock, no I/O:
 * time comes in as {@code now} and every delay leaves as a timer effect. The instance passed
 * in is changed in place and returned in the transition.
 */
public final class WorkflowEngine {
    private final Definitions definitions;

    public WorkflowEngine(Definitions definitions) {
        this.definitions = definitions;
    }

    /** Starts a new instance. */
    public Transition start(EngineInput.Start start, long now) {
        WorkflowInstance wf = StartProcessor.create(start, now);
        Step s = new Step(wf, start.definition(), definitions, now);
        wf.updateTime = now;
        StartProcessor.process(s);
        return new Transition(wf, s.effects);
    }

    /**
     * Applies one input to an existing instance.
     *
     * @throws RejectedInputException when the input does not apply to the instance as it is
     */
    public Transition apply(WorkflowInstance wf, EngineInput input, long now) {
        WorkflowDef def = definitions.workflow(wf.workflowName, wf.workflowVersion)
                .orElseThrow(() -> new RejectedInputException("definition " + wf.workflowName + " v"
                        + wf.workflowVersion + " is not registered"));
        Step s = new Step(wf, def, definitions, now);
        if (input instanceof EngineInput.TaskResult r) {
            TaskResultProcessor.process(s, r);
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
        } else {
            throw new RejectedInputException("workflow " + wf.workflowId + " already exists");
        }
        wf.updateTime = now;
        return new Transition(wf, s.effects);
    }
}
