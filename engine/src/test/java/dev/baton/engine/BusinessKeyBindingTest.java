package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.effect.Effect;
import dev.baton.engine.input.EngineInput;
import dev.baton.engine.process.WorkflowEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine decides when the bridge's correlation index binds a business key to an instance: at its start, when it
 * has one and its definition binds domain events; and when it goes (DELETE, retention over), unbound again.
 */
class BusinessKeyBindingTest {
    private EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness();
        h.registerWorkflow("""
                {"name": "booking_flow", "version": 1,
                 "tasks": [
                  {"name": "reserve_seat", "taskReferenceName": "reserve_seat", "mode": "observe",
                   "completeOn": {"topic": "seat.events", "correlationKey": "$.bookingId"}}]}""");
        h.registerWorkflow(Defs.linear("plain_flow", "task_a"));
    }

    @Test
    void aKeyedStartOfABoundDefinitionBindsItsKey() {
        h.start("booking_flow", "{\"bookingId\": \"BK-1\"}", "BK-1");

        assertThat(h.lastEffects()).last().isEqualTo(new Effect.BusinessKeyBinding("booking_flow", "BK-1", true));
    }

    @Test
    void nothingIsBoundWithoutAKeyOrWithoutEventBindings() {
        h.start("booking_flow", "{}");
        assertThat(h.lastEffects()).noneMatch(Effect.BusinessKeyBinding.class::isInstance);

        h.start("plain_flow", "{}", "BK-2");
        assertThat(h.lastEffects()).noneMatch(Effect.BusinessKeyBinding.class::isInstance);
    }

    @Test
    void deleteUnbindsTheKeyBeforeTheInstanceGoesEvenWithoutItsDefinition() {
        String wf = h.start("booking_flow", "{\"bookingId\": \"BK-3\"}", "BK-3");
        WorkflowEngine forgetful = new WorkflowEngine(new InMemoryDefinitions());

        Transition t = forgetful.apply(h.instance(wf), new EngineInput.Delete("gone"), h.now());

        assertThat(t.effects()).hasSize(3);
        assertThat(t.effects().get(0)).isInstanceOf(Effect.HistoryEvent.class);
        assertThat(t.effects().get(1)).isEqualTo(new Effect.BusinessKeyBinding("booking_flow", "BK-3", false));
        assertThat(t.effects().get(2)).isInstanceOf(Effect.RemoveInstance.class);
    }

    @Test
    void deleteOfAnInstanceOfAnUnboundDefinitionUnbindsNothing() {
        String wf = h.start("plain_flow", "{}", "BK-4");

        Transition t = h.engine().apply(h.instance(wf), new EngineInput.Delete("gone"), h.now());

        assertThat(t.effects()).noneMatch(Effect.BusinessKeyBinding.class::isInstance);
    }

    @Test
    void anExpiredInstanceIsUnboundAsItGoes() {
        String wf = h.start("booking_flow", "{\"bookingId\": \"BK-5\"}", "BK-5");
        h.terminate(wf, "done");
        long ended = h.instance(wf).endTime;

        Transition t = h.engine().apply(h.instance(wf), new EngineInput.Expire(1_000), ended + 1_000);

        assertThat(t.effects())
                .containsExactly(
                        new Effect.BusinessKeyBinding("booking_flow", "BK-5", false), new Effect.RemoveInstance());
    }
}
