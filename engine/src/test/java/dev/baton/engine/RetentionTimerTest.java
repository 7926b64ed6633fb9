package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.effect.Effect;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.process.WorkflowEngine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The step that ends an instance sets its retention timer (end time plus the engine's retention); when it fires, the
 * instance goes if it is still finished, and stays if it runs again since.
 */
class RetentionTimerTest {
    private static final long RETENTION = 60_000;
    private static final String TIMER = WorkflowEngine.RETENTION_TIMER;
    private EngineHarness h;

    @BeforeEach
    void setUp() {
        h = harness(RETENTION);
    }

    private static EngineHarness harness(long retention) {
        EngineHarness h = new EngineHarness(EngineSettings.defaults().withRetentionMillis(retention));
        h.registerTask(Defs.taskDef("task_a", 0, "FIXED", 0));
        h.registerWorkflow(Defs.linear("ret_wf", "task_a", "task_b"));
        return h;
    }

    @Test
    void theIdIsTheOneStoredTimersAlreadyCarry() {
        assertThat(TIMER).isEqualTo("baton/retention");
        assertThat(EngineSettings.defaults().retentionMillis())
                .isEqualTo(Duration.ofDays(7).toMillis());
    }

    @Test
    void aCompletingStepSetsTheRetentionTimerAtItsEndPlusTheRetention() {
        String wf = h.start("ret_wf", "{}");
        h.complete(wf, "t1", "{}");
        h.advance(Duration.ofSeconds(5));

        Transition t = h.complete(wf, "t2", "{}");

        WorkflowInstance ended = t.instance();
        assertThat(ended.isTerminal()).isTrue();
        assertThat(ended.endTime).isEqualTo(h.now());
        assertThat(retentionTimers(t.effects())).containsExactly(new Effect.SetTimer(TIMER, h.now() + RETENTION));
        assertThat(t.effects()).last().isEqualTo(new Effect.SetTimer(TIMER, h.now() + RETENTION));
        // not one of the instance's timers: its stored state is as it was without it
        assertThat(h.instance(wf).timers).isEmpty();
        assertThat(h.timersSet(wf)).filteredOn(s -> s.timerId().equals(TIMER)).hasSize(1);
    }

    @Test
    void aTerminatingOrFailingStepSetsItToo() {
        String terminated = h.start("ret_wf", "{}");
        Transition t = h.terminate(terminated, "enough");
        assertThat(retentionTimers(t.effects())).containsExactly(new Effect.SetTimer(TIMER, h.now() + RETENTION));

        String failed = h.start("ret_wf", "{}");
        h.advance(Duration.ofSeconds(1));
        Transition f = h.failTerminal(failed, "t1", "broken");
        assertThat(f.instance().status.name()).isEqualTo("FAILED");
        assertThat(retentionTimers(f.effects())).containsExactly(new Effect.SetTimer(TIMER, h.now() + RETENTION));
    }

    @Test
    void aStartThatEndsAtOnceSetsIt() {
        EngineHarness tight = new EngineHarness(new EngineSettings(
                256 * 1024,
                EngineSettings.DEFAULT_MAX_TASKS_PER_STEP,
                new PayloadLimits(10, 1 << 20, 1 << 20, 1 << 20, 900 * 1024),
                RETENTION,
                dev.baton.engine.Environment.NONE));
        tight.registerWorkflow(Defs.linear("ret_wf", "task_a"));

        String wf = tight.start("ret_wf", "{\"far\": \"too large an input\"}");

        assertThat(tight.instance(wf).isTerminal()).isTrue();
        assertThat(retentionTimers(tight.effects(wf)))
                .containsExactly(new Effect.SetTimer(TIMER, tight.now() + RETENTION));
    }

    @Test
    void stepsThatDoNotEndTheInstanceSetNone() {
        String wf = h.start("ret_wf", "{}");
        h.complete(wf, "t1", "{}");
        h.pause(wf);
        h.resume(wf);

        assertThat(h.instance(wf).isTerminal()).isFalse();
        assertThat(retentionTimers(h.effects(wf))).isEmpty();
    }

    @Test
    void aStepOnAnInstanceThatHadEndedBeforeSetsNoSecondOne() {
        String wf = h.start("ret_wf", "{}");
        String stale = h.current(wf, "t1").taskId;
        int attempt = h.current(wf, "t1").attempt();
        h.terminate(wf, "enough");
        h.advance(Duration.ofSeconds(1));

        Transition t = h.replyTo(wf, stale, attempt, EngineInput.ReplyStatus.COMPLETED, "{}", null);

        assertThat(retentionTimers(t.effects())).isEmpty();
        assertThat(retentionTimers(h.effects(wf))).hasSize(1);
    }

    @Test
    void firingItRemovesTheInstanceOnceItsRetentionIsOver() {
        String wf = h.start("ret_wf", "{}");
        h.terminate(wf, "done");
        long ended = h.instance(wf).endTime;
        long seq = h.instance(wf).seq;

        Transition early = h.engine().apply(h.instance(wf), new EngineInput.TimerFired(TIMER), ended + RETENTION - 1);
        Transition due = h.engine().apply(h.instance(wf), new EngineInput.TimerFired(TIMER), ended + RETENTION);

        assertThat(early.effects()).isEmpty();
        assertThat(early.changed()).isFalse();
        assertThat(due.effects()).singleElement().isInstanceOf(Effect.RemoveInstance.class);
        assertThat(due.instance().seq).as("no history event").isEqualTo(seq);
    }

    @Test
    void firingItRemovesAnInstanceWhoseDefinitionIsNoLongerKnown() {
        String wf = h.start("ret_wf", "{}");
        h.terminate(wf, "done");
        long ended = h.instance(wf).endTime;
        WorkflowEngine forgetful = new WorkflowEngine(
                new InMemoryDefinitions(),
                new dev.baton.engine.script.SandboxedScripts(),
                EngineSettings.defaults().withRetentionMillis(RETENTION));

        Transition t = forgetful.apply(h.instance(wf), new EngineInput.TimerFired(TIMER), ended + RETENTION);

        assertThat(t.effects()).singleElement().isInstanceOf(Effect.RemoveInstance.class);
    }

    @Test
    void aRestartedInstanceStaysWhenItsOldTimerFiresAndItsNewEndSetsANewOne() {
        // given: ended, then restarted before its retention was over
        String wf = h.start("ret_wf", "{}");
        h.terminate(wf, "done");
        long firstEnd = h.instance(wf).endTime;
        h.advance(Duration.ofSeconds(10));
        Transition restart = h.apply(wf, new EngineInput.Restart(false));
        assertThat(retentionTimers(restart.effects())).isEmpty();

        // when: its first timer fires while it runs
        h.advance(Duration.ofMillis(firstEnd + RETENTION - h.now()));
        Transition old = h.engine().apply(h.instance(wf), new EngineInput.TimerFired(TIMER), h.now());

        // then: it stays
        assertThat(old.effects()).isEmpty();
        assertThat(old.changed()).isFalse();

        // and when it ends again, the new end sets a new timer
        h.advance(Duration.ofSeconds(5));
        h.complete(wf, "t1", "{}");
        Transition end = h.complete(wf, "t2", "{}");
        long secondEnd = end.instance().endTime;
        assertThat(secondEnd).isEqualTo(h.now());
        assertThat(retentionTimers(end.effects())).containsExactly(new Effect.SetTimer(TIMER, secondEnd + RETENTION));

        // the first timer, had it fired only now, still leaves it; the new one removes it
        Transition stillKept = h.engine().apply(h.instance(wf), new EngineInput.TimerFired(TIMER), secondEnd + 1);
        Transition removed = h.engine().apply(h.instance(wf), new EngineInput.TimerFired(TIMER), secondEnd + RETENTION);
        assertThat(stillKept.effects()).isEmpty();
        assertThat(removed.effects()).singleElement().isInstanceOf(Effect.RemoveInstance.class);
    }

    @Test
    void aRetriedInstanceThatEndsAgainGetsANewTimer() {
        String wf = h.start("ret_wf", "{}");
        h.failTerminal(wf, "t1", "broken");
        h.advance(Duration.ofSeconds(3));
        Transition retry = h.apply(wf, new EngineInput.Retry(false));
        assertThat(retentionTimers(retry.effects())).isEmpty();

        h.complete(wf, "t1", "{}");
        Transition end = h.complete(wf, "t2", "{}");

        assertThat(retentionTimers(end.effects())).containsExactly(new Effect.SetTimer(TIMER, h.now() + RETENTION));
        assertThat(retentionTimers(h.effects(wf))).hasSize(2);
    }

    @Test
    void firingItOnARunningInstanceChangesNothing() {
        String wf = h.start("ret_wf", "{}");
        h.advance(Duration.ofDays(30));

        Transition t = h.engine().apply(h.instance(wf), new EngineInput.TimerFired(TIMER), h.now());

        assertThat(t.effects()).isEmpty();
        assertThat(t.changed()).isFalse();
    }

    @Test
    void withNoRetentionTheTimerIsDueAtTheEndAndRemovesItThen() {
        EngineHarness none = harness(0);
        String wf = none.start("ret_wf", "{}");

        Transition t = none.terminate(wf, "done");
        long ended = t.instance().endTime;

        assertThat(retentionTimers(t.effects())).containsExactly(new Effect.SetTimer(TIMER, ended));
        assertThat(none.engine()
                        .apply(none.instance(wf), new EngineInput.TimerFired(TIMER), ended)
                        .effects())
                .singleElement()
                .isInstanceOf(Effect.RemoveInstance.class);
    }

    private static List<Effect.SetTimer> retentionTimers(List<Effect> effects) {
        return effects.stream()
                .filter(Effect.SetTimer.class::isInstance)
                .map(Effect.SetTimer.class::cast)
                .filter(s -> s.timerId().equals(TIMER))
                .toList();
    }
}
