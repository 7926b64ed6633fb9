package dev.baton.orchestrator.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.dsl.EventSource;
import dev.baton.orchestrator.kafka.Topics;
import dev.baton.testkit.KafkaCluster;
import dev.baton.testkit.KafkaTestCluster;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** On a node without the runtime the bridge reads the definitions topic itself, with its mirror. */
@KafkaCluster
class BridgeMirrorIT {

    @Test
    void aNodeWithoutTheRuntimeUsesTheMirror(KafkaTestCluster kafka) throws Exception {
        kafka.createTopic(new NewTopic(Topics.DEFINITIONS, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")));
        try (ApplicationContext ctx = ApplicationContext.builder()
                .properties(Map.of(
                        "kafka.bootstrap.servers",
                        kafka.bootstrapServers(),
                        "baton.data-dir",
                        Files.createTempDirectory("baton-bridge-mirror-it").toString(),
                        "baton.application-id",
                        "baton-bridge-mirror-it-" + UUID.randomUUID(),
                        "baton.runtime.enabled",
                        "false"))
                .start()) {
            BridgeDefinitions definitions = ctx.getBean(BridgeDefinitions.class);
            assertThat(definitions).isInstanceOf(DefinitionsMirror.class);
            assertThat(ctx.getBeansOfType(BridgeDefinitions.class)).hasSize(1);

            String name = "mirror-" + UUID.randomUUID().toString().substring(0, 8);
            EventSource source = EventSourceResources.parse("""
                    {"name": "%s", "workflowName": "some_flow", "topic": "some-topic", "correlationKey": "$.id",
                     "action": "start_workflow"}""".formatted(name));
            long before = System.currentTimeMillis();
            ctx.getBean(EventSourceResources.class).put(source);
            long after = System.currentTimeMillis();

            assertThat(definitions.resource(name)).isPresent();
            assertThat(definitions.bindings())
                    .filteredOn(b -> b.source().name().equals(name))
                    .singleElement()
                    .satisfies(b -> assertThat(b.registeredAt()).isBetween(before, after));
            definitions.awaitCurrent(Duration.ofSeconds(10));
            ctx.getBean(EventSourceResources.class).delete(name);
            assertThat(definitions.resource(name)).isEmpty();
        }
    }
}
