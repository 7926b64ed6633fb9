package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.protocol.BatonHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RepliesTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Headers command() {
        RecordHeaders h = new RecordHeaders();
        h.add(BatonHeaders.WORKFLOW_ID, "wf".getBytes(StandardCharsets.UTF_8));
        h.add(BatonHeaders.TASK_ID, "t1".getBytes(StandardCharsets.UTF_8));
        h.add(BatonHeaders.CORRELATION_ID, "c".getBytes(StandardCharsets.UTF_8));
        h.add(BatonHeaders.TRACEPARENT, "00-x-y-01".getBytes(StandardCharsets.UTF_8));
        h.add(BatonHeaders.STATUS, "STALE".getBytes(StandardCharsets.UTF_8));
        h.add("unrelated", "u".getBytes(StandardCharsets.UTF_8));
        return h;
    }

    @Test
    void completedReplyCopiesCorrelationHeaders() throws Exception {
        var r = new Replies(mapper, 10_000).reply(command(), "wf", "replies", TaskResult.completed(Map.of("x", 1)));
        assertThat(r.topic()).isEqualTo("replies");
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("wf");
        assertThat(mapper.readTree(r.value()).get("x").asInt()).isEqualTo(1);
        assertThat(header(r, BatonHeaders.TASK_ID)).isEqualTo("t1");
        assertThat(header(r, BatonHeaders.CORRELATION_ID)).isEqualTo("c");
        assertThat(header(r, BatonHeaders.TRACEPARENT)).isEqualTo("00-x-y-01");
        assertThat(header(r, BatonHeaders.STATUS)).isEqualTo("COMPLETED");
        assertThat(r.headers().headers(BatonHeaders.STATUS)).hasSize(1);
        assertThat(header(r, BatonHeaders.REASON)).isNull();
        assertThat(header(r, "unrelated")).isNull();
    }

    @Test
    void failureAndInProgressHeaders() throws Exception {
        var failed = new Replies(mapper, 10_000).reply(command(), "wf", "r", TaskResult.failedTerminal("bad"));
        assertThat(header(failed, BatonHeaders.STATUS)).isEqualTo("FAILED_WITH_TERMINAL_ERROR");
        assertThat(header(failed, BatonHeaders.REASON)).isEqualTo("bad");
        assertThat(mapper.readTree(failed.value()).get("reason").asText()).isEqualTo("bad");

        var wip = new Replies(mapper, 10_000).reply(command(), "wf", "r", TaskResult.inProgress(30));
        assertThat(header(wip, BatonHeaders.STATUS)).isEqualTo("IN_PROGRESS");
        assertThat(header(wip, BatonHeaders.CALLBACK_AFTER_SECONDS)).isEqualTo("30");
    }

    @Test
    void oversizedOutputBecomesTerminalFailure() {
        var r = new Replies(mapper, 1024)
                .reply(command(), "wf", "r", TaskResult.completed(Map.of("big", "x".repeat(5000))));
        assertThat(header(r, BatonHeaders.STATUS)).isEqualTo("FAILED_WITH_TERMINAL_ERROR");
        assertThat(header(r, BatonHeaders.REASON)).contains("too large");
    }

    @Test
    void addsWorkflowIdHeaderWhenOnlyTheKeyHadIt() {
        var r = new Replies(mapper, 10_000).reply(new RecordHeaders(), "wf-k", "r", TaskResult.completed());
        assertThat(header(r, BatonHeaders.WORKFLOW_ID)).isEqualTo("wf-k");
    }
}
