package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.protocol.BatonHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class CommandDecoderTest {

    private final CommandDecoder decoder = new CommandDecoder(new ObjectMapper(), "default_type");

    private static ConsumerRecord<byte[], byte[]> record(String key, String value, String... headers) {
        RecordHeaders h = new RecordHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>(
                "t.commands",
                2,
                17L,
                0L,
                TimestampType.CREATE_TIME,
                -1,
                -1,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8),
                h,
                Optional.empty());
    }

    @Test
    void decodesAllHeadersAndInput() {
        CommandDecoder.Decoded d = decoder.decode(record(
                "wf-1",
                "{\"a\":1}",
                BatonHeaders.WORKFLOW_ID,
                "wf-1",
                BatonHeaders.TASK_ID,
                "task-1",
                BatonHeaders.TASK_REF,
                "ref",
                BatonHeaders.TASK_TYPE,
                "my_type",
                BatonHeaders.ATTEMPT,
                "3",
                BatonHeaders.REPLY_TO,
                "my.replies",
                BatonHeaders.CORRELATION_ID,
                "corr",
                BatonHeaders.TRACEPARENT,
                "00-abc-def-01"));
        assertThat(d.ok()).isTrue();
        TaskContext c = d.context();
        assertThat(c.workflowId()).isEqualTo("wf-1");
        assertThat(c.taskId()).isEqualTo("task-1");
        assertThat(c.taskRef()).isEqualTo("ref");
        assertThat(c.taskType()).isEqualTo("my_type");
        assertThat(c.attempt()).isEqualTo(3);
        assertThat(c.replyTo()).isEqualTo("my.replies");
        assertThat(c.correlationId()).isEqualTo("corr");
        assertThat(c.traceparent()).isEqualTo("00-abc-def-01");
        assertThat(c.input().get("a").asInt()).isEqualTo(1);
        assertThat(c.header(BatonHeaders.TASK_REF)).contains("ref");
        assertThat(c.topic()).isEqualTo("t.commands");
        assertThat(c.partition()).isEqualTo(2);
        assertThat(c.offset()).isEqualTo(17L);
    }

    @Test
    void fallsBackToKeyDefaultTypeDefaultReplyTopicAndEmptyInput() {
        CommandDecoder.Decoded d = decoder.decode(record("wf-2", null, BatonHeaders.TASK_ID, "t"));
        assertThat(d.ok()).isTrue();
        assertThat(d.context().workflowId()).isEqualTo("wf-2");
        assertThat(d.context().taskType()).isEqualTo("default_type");
        assertThat(d.context().replyTo()).isEqualTo(BatonHeaders.DEFAULT_REPLY_TOPIC);
        assertThat(d.context().attempt()).isZero();
        assertThat(d.context().input().isEmpty()).isTrue();
    }

    @Test
    void rejectsBadInputKeepingWhatIsKnown() {
        CommandDecoder.Decoded badJson =
                decoder.decode(record("wf", "{oops", BatonHeaders.TASK_ID, "t", BatonHeaders.REPLY_TO, "r"));
        assertThat(badJson.ok()).isFalse();
        assertThat(badJson.problem()).contains("not valid JSON");
        assertThat(badJson.workflowId()).isEqualTo("wf");
        assertThat(badJson.replyTo()).isEqualTo("r");

        assertThat(decoder.decode(record("wf", "[1,2]", BatonHeaders.TASK_ID, "t"))
                        .problem())
                .contains("not a JSON object");
        assertThat(decoder.decode(record("wf", "{}")).problem()).contains(BatonHeaders.TASK_ID);
        assertThat(decoder.decode(record("wf", "{}", BatonHeaders.TASK_ID, "t", BatonHeaders.ATTEMPT, "x"))
                        .problem())
                .contains(BatonHeaders.ATTEMPT);

        CommandDecoder.Decoded noId = decoder.decode(record(null, "{}", BatonHeaders.TASK_ID, "t"));
        assertThat(noId.ok()).isFalse();
        assertThat(noId.workflowId()).isNull();

        CommandDecoder.Decoded badTopic = decoder.decode(
                record("wf", "{}", BatonHeaders.TASK_ID, "t", BatonHeaders.REPLY_TO, "no spaces allowed"));
        assertThat(badTopic.ok()).isFalse();
        assertThat(badTopic.replyTo()).isEqualTo(BatonHeaders.DEFAULT_REPLY_TOPIC);
    }
}
