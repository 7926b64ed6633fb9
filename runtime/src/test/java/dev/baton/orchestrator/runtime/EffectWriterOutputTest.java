package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.kafka.Topics;
import java.util.List;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class EffectWriterOutputTest {

    private static EffectWriter.Output output(String... topics) {
        List<Record<String, Routed>> records = java.util.Arrays.stream(topics)
                .map(t -> new Record<>("wf-1", new Routed(t, new byte[] {1}), 0L))
                .toList();
        return new EffectWriter.Output(records, List.of(), List.of(), List.of());
    }

    @Test
    void aStepThatOnlyFeedsTheViewsIsNotAwaited() {
        assertThat(output(Topics.EVENTS, Topics.STATE, Topics.TASKS).awaited()).isFalse();
        assertThat(output().awaited()).isFalse();
    }

    @Test
    void aCommandForAWorkerOrAnotherWorkflowIsAwaited() {
        assertThat(output(Topics.EVENTS, "charge_payment.commands", Topics.STATE)
                        .awaited())
                .isTrue();
        assertThat(output(Topics.STATE, Topics.COMMANDS).awaited()).isTrue();
        assertThat(output(Topics.HTTP_COMMANDS).awaited()).isTrue();
    }
}
