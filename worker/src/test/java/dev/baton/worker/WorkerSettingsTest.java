package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {

    private static WorkerSettings settings(
            Map<String, Object> common, Map<String, Object> consumer, Map<String, Object> producer) {
        return settings(common, consumer, producer, Duration.ofMillis(100));
    }

    private static WorkerSettings settings(
            Map<String, Object> common,
            Map<String, Object> consumer,
            Map<String, Object> producer,
            Duration commitInterval) {
        return new WorkerSettings(
                "127.0.0.1:9092",
                common,
                consumer,
                producer,
                "reserve_seat",
                "reserve_seat.commands",
                "baton-worker-reserve_seat",
                ctx -> TaskResult.completed(),
                2,
                true,
                6,
                Optional.empty(),
                new ObjectMapper(),
                "tx",
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                null,
                "w-1",
                Duration.ofSeconds(2),
                commitInterval);
    }

    @Test
    void passesClientPropertiesToTheClientsThatKnowThem() {
        WorkerSettings s = settings(
                Map.of(
                        "security.protocol",
                        "SASL_SSL",
                        "max.poll.records",
                        50,
                        "linger.ms",
                        7,
                        "my.plugin.option",
                        "x",
                        "isolation.level",
                        "read_uncommitted",
                        "enable.auto.commit",
                        true),
                Map.of("fetch.min.bytes", 2),
                Map.of("batch.size", 1000));

        Map<String, Object> consumer = s.consumerConfig(1);
        assertThat(consumer)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("max.poll.records", 50)
                .containsEntry("my.plugin.option", "x")
                .containsEntry("fetch.min.bytes", 2)
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("group.id", "baton-worker-reserve_seat")
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("client.id", "baton-worker-reserve_seat-consumer-1")
                .doesNotContainKey("linger.ms")
                .doesNotContainKey("batch.size");

        Map<String, Object> producer = s.producerConfig(1);
        assertThat(producer)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("linger.ms", 7)
                .containsEntry("my.plugin.option", "x")
                .containsEntry("batch.size", 1000)
                .containsEntry("transactional.id", "tx-1")
                .containsEntry("enable.idempotence", true)
                .containsEntry("acks", "all")
                .doesNotContainKey("max.poll.records")
                .doesNotContainKey("isolation.level");

        assertThat(s.adminConfig())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .doesNotContainKey("linger.ms");
    }

    @Test
    void budgetsFollowTheClientTimeouts() {
        WorkerSettings defaults = settings(Map.of(), Map.of(), Map.of());
        assertThat(defaults.transactionBudget()).isEqualTo(Duration.ofMillis(100));
        assertThat(defaults.pollBudget()).isEqualTo(Duration.ofSeconds(150));
        assertThat(defaults.maxReplyBytes()).isEqualTo(1024 * 1024 - 16 * 1024);

        WorkerSettings tuned = settings(
                Map.of("max.poll.interval.ms", "10000"),
                Map.of(),
                Map.of("transaction.timeout.ms", 3000, "max.request.size", 200_000));
        assertThat(tuned.transactionBudget()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings(Map.of(), Map.of(), Map.of("transaction.timeout.ms", 3000), Duration.ofSeconds(5))
                        .transactionBudget())
                .as("a third of the transaction timeout at most")
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(settings(Map.of(), Map.of(), Map.of(), Duration.ofSeconds(5)).transactionBudget())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(tuned.pollBudget()).isEqualTo(Duration.ofSeconds(5));
        assertThat(tuned.maxReplyBytes()).isEqualTo(200_000 - 16 * 1024);
    }
}
