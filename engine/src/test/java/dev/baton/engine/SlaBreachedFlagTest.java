package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.input.EngineInput;
import dev.baton.engine.input.EngineInput.ReplyStatus;
import dev.baton.engine.model.TaskStatus;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A step that outlives its SLA is marked on the task itself (for status queries), and stays marked after it ends. */
class SlaBreachedFlagTest {
    private EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness();
        h.registerWorkflow("""
                {"name": "sla_flow", "version": 1, "tasks": [
                  {"name": "pay", "taskReferenceName": "pay", "mode": "observe",
                   "completeOn": {"topic": "payments", "correlationKey": "$.id"}, "expectedDurationSeconds": 3},
                  {"name": "ship", "taskReferenceName": "ship", "mode": "observe",
                   "completeOn": {"topic": "shipments", "correlationKey": "$.id"}, "expectedDurationSeconds": 3}]}""");
    }

    private static EngineInput.DomainEvent done(String ref, long offset) {
        return new EngineInput.DomainEvent(
                "t-0-" + offset, ref + "-source", ref, ReplyStatus.COMPLETED, EngineHarness.object("{}"), null);
    }

    @Test
    void aBreachedStepIsFlaggedAndKeepsTheFlagWhenItEnds() {
        String wf = h.start("sla_flow", "{}", "K-1");
        assertThat(h.current(wf, "pay").slaBreached).isFalse();

        h.fireDueTimers(Duration.ofSeconds(4));
        assertThat(h.current(wf, "pay").slaBreached).isTrue();
        assertThat(h.current(wf, "pay").status).isEqualTo(TaskStatus.SCHEDULED);

        h.apply(wf, done("pay", 1));
        assertThat(h.current(wf, "pay").status).isEqualTo(TaskStatus.COMPLETED);
        assertThat(h.current(wf, "pay").slaBreached).isTrue();
        assertThat(h.current(wf, "ship").slaBreached).isFalse();
    }

    @Test
    void aStepEndingInTimeIsNeverFlagged() {
        String wf = h.start("sla_flow", "{}", "K-2");
        h.advance(Duration.ofSeconds(1));
        h.apply(wf, done("pay", 1));
        h.fireDueTimers(Duration.ofSeconds(2));
        h.apply(wf, done("ship", 2));
        h.fireDueTimers(Duration.ofSeconds(60));
        assertThat(h.current(wf, "pay").slaBreached).isFalse();
        assertThat(h.current(wf, "ship").slaBreached).isFalse();
    }

    @Test
    void theFlagSurvivesACopy() {
        String wf = h.start("sla_flow", "{}", "K-3");
        h.fireDueTimers(Duration.ofSeconds(4));
        assertThat(h.current(wf, "pay").copy().slaBreached).isTrue();
        assertThat(h.current(wf, "pay").copy()).isEqualTo(h.current(wf, "pay"));
    }
}
