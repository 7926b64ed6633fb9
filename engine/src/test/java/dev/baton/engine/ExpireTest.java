package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.effect.Effect;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.process.WorkflowEngine;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A finished instance's retention: the engine decides whether it is over and the instance goes. */
class ExpireTest {
    private static final long RETENTION = 60_000;
    private EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness();
        h.registerTask(Defs.taskDef("task_a", 0, "FIXED", 0));
        h.registerWorkflow(Defs.linear("exp_wf", "task_a", "task_b"));
    }

    @Test
    void aFinishedInstanceWhoseRetentionIsOverIsRemovedWithoutAHistoryEvent() {
        // given: terminated, then the retention time passes (its definition no longer known to the engine)
        String wf = h.start("exp_wf", "{}");
        h.terminate(wf, "done");
        long ended = h.instance(wf).endTime;
        long seq = h.instance(wf).seq;
        WorkflowEngine forgetful = new WorkflowEngine(new InMemoryDefinitions());

        // when
        Transition t = forgetful.apply(h.instance(wf), new EngineInput.Expire(RETENTION), ended + RETENTION);

        // then
        assertThat(t.effects()).singleElement().isInstanceOf(Effect.RemoveInstance.class);
        assertThat(t.instance().seq).isEqualTo(seq);
    }

    @Test
    void aFinishedInstanceWithinItsRetentionStays() {
        String wf = h.start("exp_wf", "{}");
        h.terminate(wf, "done");
        WorkflowInstance instance = h.instance(wf);

        Transition t = h.engine().apply(instance, new EngineInput.Expire(RETENTION), instance.endTime + RETENTION - 1);

        assertThat(t.effects()).isEmpty();
        assertThat(t.changed()).isFalse();
    }

    @Test
    void anInstanceRunningAgainStays() {
        // given: a running instance (a finished one restarted since looks the same: not terminal)
        String wf = h.start("exp_wf", "{}");
        h.advance(Duration.ofDays(30));

        Transition t = h.engine().apply(h.instance(wf), new EngineInput.Expire(RETENTION), h.now());

        assertThat(t.effects()).isEmpty();
        assertThat(t.changed()).isFalse();
        assertThat(t.instance().isTerminal()).isFalse();
    }
}
