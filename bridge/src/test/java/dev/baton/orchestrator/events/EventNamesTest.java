package dev.baton.orchestrator.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Which topics a handler's event is read from, and which events a record stands for. */
class EventNamesTest {

    private static boolean reads(String event, String topic) {
        return Pattern.matches(EventNames.topicRegex(event), topic);
    }

    @Test
    void kafkaEventsReadTheirTopicOnly() {
        assertThat(reads("kafka:orders.v1", "orders.v1")).isTrue();
        assertThat(reads("kafka:orders.v1", "ordersXv1")).isFalse();
        assertThat(EventNames.kafkaTopic("kafka:orders")).isEqualTo("orders");
        assertThat(EventNames.kafkaTopic("conductor:w:t")).isNull();
    }

    @Test
    void conductorEventsReadTheConductorSinkTopics() {
        assertThat(reads("conductor:wf:evt_ref", "baton.event.conductor")).isTrue();
        assertThat(reads("conductor:wf:orders", "baton.event.conductor.orders")).isTrue();
        assertThat(reads("conductor:wf:evt_ref", "baton.event.conductorx")).isFalse();
        assertThat(reads("sqs:queue1", "baton.event.sqs.queue1")).isTrue();
    }

    @Test
    void aRecordIsItsTopicsKafkaEventAndOnEventTopicsAlsoItsHeader() {
        RecordHeaders h = new RecordHeaders();
        h.add(EventNames.EVENT_HEADER, "conductor:wf:evt_ref".getBytes(StandardCharsets.UTF_8));
        assertThat(EventNames.of("baton.event.conductor", h))
                .containsExactly("kafka:baton.event.conductor", "conductor:wf:evt_ref");
        assertThat(EventNames.of("orders", h)).containsExactly("kafka:orders");
        assertThat(EventNames.of("baton.event.conductor", new RecordHeaders()))
                .containsExactly("kafka:baton.event.conductor");
    }

    @Test
    void eventNamesMustNameSomethingToRead() {
        assertThat(EventNames.problem("kafka:orders")).isNull();
        assertThat(EventNames.problem("conductor:wf:ref")).isNull();
        assertThat(EventNames.problem("orders")).isNotNull();
        assertThat(EventNames.problem("kafka:")).isNotNull();
        assertThat(EventNames.problem(":x")).isNotNull();
        assertThat(EventNames.problem("kafka:a/b")).contains("not a legal Kafka topic name");
        assertThat(EventNames.problem("sqs:my queue")).contains("not a legal Kafka topic name");
    }
}
