package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.effect.Effect;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowStatus;
import org.junit.jupiter.api.Test;

/**
 * A step schedules at most {@link EngineSettings#maxTasksPerStep()} tasks, then asks to be
 * continued: a long or endless run of system tasks never holds the stream thread, and other
 * workflows get their turn between its slices.
 */
class StepBudgetTest {
    private final EngineHarness h = new EngineHarness();

    private static final String LOOP = """
            {"name": "spin", "version": 1, "tasks": [
              {"name": "loop", "taskReferenceName": "loop", "type": "DO_WHILE",
               "loopCondition": "$.loop['iteration'] < $.times", "inputParameters": {"times": "${workflow.input.times}"},
               "loopOver": [{"name": "calc", "taskReferenceName": "calc", "type": "INLINE",
                 "inputParameters": {"evaluatorType": "javascript", "expression": "'x'.repeat(50)"}}]}]}""";

    @Test
    void aLongLoopOfSystemTasksRunsInSlicesAndCompletes() {
        // given
        h.registerWorkflow(LOOP);
        WorkflowEngineProbe probe = new WorkflowEngineProbe(h);

        // when: started with 1,000 passes (2 tasks scheduled per pass... 1,001 tasks in all)
        Transition first = probe.startDirect("spin", "{\"times\": 1000}");

        // then: the first step stopped at the budget and asked to be continued
        assertThat(first.effects())
                .filteredOn(e -> e instanceof Effect.Continue)
                .hasSize(1);
        assertThat(first.instance().tasks.size())
                .isBetween(EngineSettings.DEFAULT_MAX_TASKS_PER_STEP, EngineSettings.DEFAULT_MAX_TASKS_PER_STEP + 2);
        assertThat(first.instance().status).isEqualTo(WorkflowStatus.RUNNING);

        // and: continued step by step (the harness applies CONTINUE as the runtime does), it completes
        String wf = h.start("spin", "{\"times\": 1000}");
        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED);
        TaskState loop = h.instance(wf).latest("loop").orElseThrow();
        assertThat(loop.outputData.get("iteration").asInt()).isEqualTo(1000);
        assertThat(h.instance(wf).tasks).hasSize(1001);
    }

    @Test
    void anEndlessLoopNeverHoldsAStepAndCanBeTerminated() {
        // given: a loop whose condition never ends it
        h.registerWorkflow(LOOP.replace("$.loop['iteration'] < $.times", "true"));
        WorkflowEngineProbe probe = new WorkflowEngineProbe(h);

        // when
        Transition first = probe.startDirect("spin", "{}");
        Transition second = h.engine().apply(first.instance(), new EngineInput.Continue(), h.now());
        Transition stopped = h.engine().apply(second.instance(), new EngineInput.Terminate("runaway"), h.now());
        Transition after = h.engine().apply(stopped.instance(), new EngineInput.Continue(), h.now());

        // then: each step did a bounded amount of work, and a terminated loop goes no further
        assertThat(first.effects()).anyMatch(e -> e instanceof Effect.Continue);
        assertThat(second.instance().tasks.size())
                .isLessThanOrEqualTo(2 * EngineSettings.DEFAULT_MAX_TASKS_PER_STEP + 4);
        assertThat(stopped.instance().status).isEqualTo(WorkflowStatus.TERMINATED);
        assertThat(after.changed()).isFalse();
    }

    @Test
    void aPausedWorkflowGoesOnOnlyWhenResumed() {
        // given: a loop that stopped at its budget, then paused
        h.registerWorkflow(LOOP);
        WorkflowEngineProbe probe = new WorkflowEngineProbe(h);
        Transition first = probe.startDirect("spin", "{\"times\": 300}");
        Transition paused = h.engine().apply(first.instance(), new EngineInput.Pause("hold"), h.now());
        int tasksWhenPaused = paused.instance().tasks.size();

        // when
        Transition continued = h.engine().apply(paused.instance(), new EngineInput.Continue(), h.now());
        int tasksAfterContinue = continued.instance().tasks.size();
        Transition resumed = h.engine().apply(continued.instance(), new EngineInput.Resume(null), h.now());

        // then
        assertThat(continued.changed()).isFalse();
        assertThat(tasksAfterContinue).isEqualTo(tasksWhenPaused);
        assertThat(resumed.instance().tasks.size()).isGreaterThan(tasksWhenPaused);
    }

    /** Starts an instance straight through the engine, without the harness's automatic continuation. */
    private record WorkflowEngineProbe(EngineHarness h) {
        Transition startDirect(String name, String input) {
            return h.engine()
                    .start(
                            new EngineInput.Start(
                                    "direct-" + name,
                                    h.definitions().workflow(name, null).orElseThrow(),
                                    EngineHarness.object(input),
                                    null,
                                    null,
                                    null),
                            h.now());
        }
    }
}
