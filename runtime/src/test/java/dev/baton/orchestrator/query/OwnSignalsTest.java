package dev.baton.orchestrator.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.model.WorkflowInstance;
import org.junit.jupiter.api.Test;

class OwnSignalsTest {
    private static final long NOW = 1_000_000_000L;

    private static WorkflowInstance at(long seq) {
        WorkflowInstance wf = new WorkflowInstance();
        wf.workflowId = "wf";
        wf.seq = seq;
        return wf;
    }

    @Test
    void aReadWaitsForEverySignalSentUntilItsConditionHolds() {
        OwnSignals signals = new OwnSignals();
        assertThat(signals.pending("wf", NOW)).isNull();

        signals.sent("wf", wf -> wf.seq >= 1, NOW);
        signals.sent("wf", wf -> wf.seq >= 2, NOW + 10);

        OwnSignals.Wait wait = signals.pending("wf", NOW + 20);
        assertThat(wait).isNotNull();
        assertThat(wait.untilNanos()).isEqualTo(NOW + 10 + OwnSignals.LIFETIME_NANOS);
        assertThat(wait.applied().test(at(1))).as("only the first is applied").isFalse();
        assertThat(wait.applied().test(at(2))).isTrue();
        assertThat(signals.pending("other", NOW)).isNull();
    }

    @Test
    void whatAReadSawAppliedIsNotWaitedForAgain() {
        OwnSignals signals = new OwnSignals();
        signals.sent("wf", wf -> wf.seq >= 1, NOW);
        signals.sent("wf", wf -> wf.seq >= 2, NOW);

        signals.seen("wf", at(1));
        OwnSignals.Wait left = signals.pending("wf", NOW);
        assertThat(left).isNotNull();
        assertThat(left.applied().test(at(1))).isFalse();

        signals.seen("wf", at(2));
        assertThat(signals.pending("wf", NOW)).isNull();
        assertThat(signals.size()).isZero();
    }

    @Test
    void aSignalNotAppliedWithinItsLifetimeIsNoLongerWaitedFor() {
        OwnSignals signals = new OwnSignals();
        signals.sent("wf", wf -> false, NOW);

        assertThat(signals.pending("wf", NOW + OwnSignals.LIFETIME_NANOS - 1)).isNotNull();
        assertThat(signals.pending("wf", NOW + OwnSignals.LIFETIME_NANOS + 1)).isNull();
        assertThat(signals.size()).as("forgotten when found expired").isZero();
    }

    @Test
    void expiredSignalsOfWorkflowsNobodyReadsAreSweptAway() {
        OwnSignals signals = new OwnSignals();
        for (int i = 0; i < 1_000; i++) {
            signals.sent("wf-" + i, wf -> false, NOW);
        }
        assertThat(signals.size()).isEqualTo(1_000);

        long later = NOW + OwnSignals.LIFETIME_NANOS + 1;
        for (int i = 0; i < 100; i++) {
            signals.sent("late-" + i, wf -> false, later);
        }
        assertThat(signals.size())
                .as("the first thousand swept on the 1,024th signal")
                .isEqualTo(100);
    }

    @Test
    void aConditionThatThrowsIsNotWaitedFor() {
        OwnSignals signals = new OwnSignals();
        signals.sent(
                "wf",
                wf -> {
                    throw new IllegalStateException("broken");
                },
                NOW);

        assertThat(signals.pending("wf", NOW).applied().test(at(0))).isTrue();
        signals.seen("wf", at(0));
        assertThat(signals.size()).isZero();
    }

    @Test
    void aWorkflowGoneIsForgotten() {
        OwnSignals signals = new OwnSignals();
        signals.sent("wf", wf -> false, NOW);
        signals.forget("wf");
        assertThat(signals.pending("wf", NOW)).isNull();
    }
}
