package dev.baton.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.kafka.KafkaConnection;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** Without bootstrap servers, the standalone artifact starts its own broker and the orchestrator runs on it. */
class StandaloneModeIT {

    @Test
    void startsAnEmbeddedBrokerWhenNoClusterIsConfigured() throws Exception {
        Path data = Files.createTempDirectory("deploy-standalone");
        try (ApplicationContext ctx = ApplicationContext.builder()
                .properties(Map.of(
                        "baton.data-dir",
                        data.toString(),
                        "baton.embedded-kafka-port",
                        0,
                        "baton.embedded-kafka-controller-port",
                        0,
                        "micronaut.server.port",
                        -1))
                .start()) {
            KafkaConnection kafka = ctx.getBean(KafkaConnection.class);
            assertThat(kafka.isEmbedded()).isTrue();
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
            assertThat(Files.isDirectory(data.resolve("kafka")))
                    .as("broker data under baton.data-dir")
                    .isTrue();
            assertThat(ctx.getBean(StreamsRuntime.class).awaitRunning(Duration.ofMinutes(1)))
                    .isTrue();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                assertThat(topics).contains("baton.commands", "baton.replies", "baton.events", "baton.definitions");
            }
        }
    }
}
