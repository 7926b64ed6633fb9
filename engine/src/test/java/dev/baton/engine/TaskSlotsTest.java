package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.dispatch.TaskLimits;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.WorkflowStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tasks of definitions with a concurrency or rate limit: the dispatch carries the limits, the
 * instance remembers the slot, and the slot is released once whenever the task ends, however it ends.
 */
class TaskSlotsTest {
    private final EngineHarness h = new EngineHarness();

    private String start(String taskDef) {
        h.registerTask(taskDef);
        h.registerWorkflow(Defs.linear("slots_wf", "limited", "free"));
        h.registerTask("{\"name\": \"free\", \"retryCount\": 0}");
        return h.start("slots_wf", "{}");
    }

    private static List<Effect.DispatchTask> dispatches(List<Effect> effects) {
        return effects.stream()
                .filter(Effect.DispatchTask.class::isInstance)
                .map(Effect.DispatchTask.class::cast)
                .toList();
    }

    private static List<Effect.ReleaseSlot> releases(List<Effect> effects) {
        return effects.stream()
                .filter(Effect.ReleaseSlot.class::isInstance)
                .map(Effect.ReleaseSlot.class::cast)
                .toList();
    }

    @Test
    void aLimitedTaskIsDispatchedWithItsLimitsAndHoldsASlotUntilItCompletes() {
        String wf = start("{\"name\": \"limited\", \"concurrentExecLimit\": 2, \"rateLimitPerFrequency\": 5,"
                + " \"rateLimitFrequencyInSeconds\": 10}");
        TaskState t1 = h.current(wf, "t1");

        Effect.DispatchTask d = dispatches(h.effects(wf)).get(0);
        assertThat(d.limits()).isEqualTo(new TaskLimits(2, 5, 10));
        assertThat(h.instance(wf).limitedTasks).containsExactly(java.util.Map.entry(t1.taskId, "limited"));
        assertThat(releases(h.effects(wf))).isEmpty();

        h.inProgress(wf, "t1");
        assertThat(releases(h.lastEffects())).as("still running").isEmpty();

        h.complete(wf, "t1", "{}");
        assertThat(releases(h.lastEffects())).containsExactly(new Effect.ReleaseSlot("limited", t1.taskId));
        assertThat(h.instance(wf).limitedTasks).isNull();

        // the next task has no limits: it holds nothing, and nothing more is released
        Effect.DispatchTask next = dispatches(h.lastEffects()).get(0);
        assertThat(next.limits()).isNull();
        h.complete(wf, "t2", "{}");
        h.assertThat(wf).hasStatus(WorkflowStatus.COMPLETED);
        assertThat(releases(h.effects(wf))).hasSize(1);
    }

    @Test
    void aFailedAttemptReleasesItsSlotAndItsRetryTakesOneOfItsOwn() {
        String wf = start("{\"name\": \"limited\", \"concurrentExecLimit\": 1, \"retryCount\": 1,"
                + " \"retryLogic\": \"FIXED\", \"retryDelaySeconds\": 0}");
        TaskState first = h.current(wf, "t1");

        h.fail(wf, "t1", "boom");

        TaskState retry = h.current(wf, "t1");
        assertThat(retry.taskId).isNotEqualTo(first.taskId);
        assertThat(releases(h.lastEffects())).containsExactly(new Effect.ReleaseSlot("limited", first.taskId));
        assertThat(dispatches(h.lastEffects())).singleElement().satisfies(d -> {
            assertThat(d.task().taskId).isEqualTo(retry.taskId);
            assertThat(d.limits().concurrentExecLimit()).isEqualTo(1);
        });
        assertThat(h.instance(wf).limitedTasks).containsOnlyKeys(retry.taskId);
    }

    @Test
    void aRetryHeldBackByItsDelayHoldsNoSlotUntilItIsSent() {
        String wf = start("{\"name\": \"limited\", \"concurrentExecLimit\": 1, \"retryCount\": 1,"
                + " \"retryLogic\": \"FIXED\", \"retryDelaySeconds\": 5}");
        h.fail(wf, "t1", "boom");
        TaskState retry = h.current(wf, "t1");
        assertThat(h.instance(wf).limitedTasks)
                .as("the retry waits out its delay: nothing held")
                .isNull();

        h.fireDueTimers(Duration.ofSeconds(5));

        assertThat(h.instance(wf).limitedTasks).containsOnlyKeys(retry.taskId);
    }

    @Test
    void terminatingTheWorkflowReleasesTheSlotOfItsRunningTask() {
        String wf = start("{\"name\": \"limited\", \"concurrentExecLimit\": 3}");
        TaskState t1 = h.current(wf, "t1");

        h.terminate(wf, "enough");

        assertThat(releases(h.lastEffects())).containsExactly(new Effect.ReleaseSlot("limited", t1.taskId));
        assertThat(h.instance(wf).limitedTasks).isNull();
    }

    @Test
    void aTimedOutTaskReleasesItsSlot() {
        String wf = start("{\"name\": \"limited\", \"rateLimitPerFrequency\": 1, \"retryCount\": 0,"
                + " \"responseTimeoutSeconds\": 5, \"timeoutSeconds\": 60}");
        TaskState t1 = h.current(wf, "t1");
        h.apply(wf, new dev.baton.engine.input.EngineInput.TaskPolled(t1.taskId)); // a worker holds it

        h.fireDueTimers(Duration.ofSeconds(6));

        assertThat(h.current(wf, "t1").status.isTerminal()).isTrue();
        assertThat(releases(h.effects(wf))).containsExactly(new Effect.ReleaseSlot("limited", t1.taskId));
    }

    @Test
    void aRestartReleasesTheSlotsOfTasksItDiscards() {
        String wf = start("{\"name\": \"limited\", \"concurrentExecLimit\": 3}");
        TaskState t1 = h.current(wf, "t1");
        h.terminate(wf, "stop");
        assertThat(releases(h.effects(wf))).hasSize(1);

        h.apply(wf, new EngineInput.Restart(false));

        TaskState again = h.current(wf, "t1");
        assertThat(again.taskId).isNotEqualTo(t1.taskId);
        assertThat(h.instance(wf).limitedTasks).containsOnlyKeys(again.taskId);
        assertThat(releases(h.effects(wf)))
                .as("the old attempt's slot was released once, at the termination")
                .containsExactly(new Effect.ReleaseSlot("limited", t1.taskId));
    }

    @Test
    void aTaskWithoutLimitsHoldsNoSlot() {
        String wf = start("{\"name\": \"limited\", \"retryCount\": 0}");
        assertThat(dispatches(h.effects(wf)).get(0).limits()).isNull();
        assertThat(h.instance(wf).limitedTasks).isNull();
        h.complete(wf, "t1", "{}");
        h.complete(wf, "t2", "{}");
        assertThat(releases(h.effects(wf))).isEmpty();
    }
}
