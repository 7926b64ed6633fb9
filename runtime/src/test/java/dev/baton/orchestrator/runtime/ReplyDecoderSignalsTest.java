package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.engine.input.EngineInput;
import dev.baton.engine.model.TaskLog;
import dev.baton.protocol.BatonHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The reply topic's gateway signals (POLLED, LOG) and log lines on replies. */
class ReplyDecoderSignalsTest {
    private final ReplyDecoder decoder = new ReplyDecoder(null);

    private static RecordHeaders headers(String status, String logs) {
        RecordHeaders h = new RecordHeaders();
        h.add(BatonHeaders.WORKFLOW_ID, "wf".getBytes(StandardCharsets.UTF_8));
        h.add(BatonHeaders.TASK_ID, "t-1".getBytes(StandardCharsets.UTF_8));
        h.add(BatonHeaders.ATTEMPT, "0".getBytes(StandardCharsets.UTF_8));
        h.add(BatonHeaders.STATUS, status.getBytes(StandardCharsets.UTF_8));
        if (logs != null) {
            h.add(ReplyDecoder.LOGS, logs.getBytes(StandardCharsets.UTF_8));
        }
        return h;
    }

    @Test
    void polledIsAPoll() {
        assertThat(decoder.decodeInput(null, headers("POLLED", null))).isEqualTo(new EngineInput.TaskPolled("t-1"));
    }

    @Test
    void logIsLogLinesOnly() {
        EngineInput in = decoder.decodeInput(null, headers("LOG", "[{\"log\":\"a\",\"createdTime\":5},\"b\"]"));
        assertThat(in)
                .isEqualTo(
                        new EngineInput.TaskLogs("t-1", java.util.List.of(new TaskLog("a", 5), new TaskLog("b", 0))));
    }

    @Test
    void aResultCarriesItsLogLines() {
        EngineInput in = decoder.decodeInput(
                "{\"x\":1}".getBytes(StandardCharsets.UTF_8),
                headers("COMPLETED", "[{\"log\":\"done\",\"createdTime\":7}]"));
        assertThat(in).isInstanceOfSatisfying(EngineInput.TaskResult.class, r -> {
            assertThat(r.status()).isEqualTo(EngineInput.ReplyStatus.COMPLETED);
            assertThat(r.attempt()).isZero();
            assertThat(r.logs()).containsExactly(new TaskLog("done", 7));
        });
        assertThat(((EngineInput.TaskResult) decoder.decodeInput(null, headers("FAILED", null))).logs())
                .isEmpty();
    }

    @Test
    void malformedLogLinesArePoison() {
        assertThatThrownBy(() -> decoder.decodeInput(null, headers("COMPLETED", "{not json")))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining(ReplyDecoder.LOGS);
        assertThatThrownBy(() -> decoder.decodeInput(null, headers("LOG", "[{\"text\":\"x\"}]")))
                .isInstanceOf(PoisonRecordException.class);
        assertThatThrownBy(() -> decoder.decodeInput(null, headers("NOPE", null)))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("NOPE");
    }
}
