package dev.baton.orchestrator.gateway;

import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.config.BatonConfig;
import dev.baton.orchestrator.kafka.KafkaConnection;
import dev.baton.orchestrator.query.InstanceQueries;
import dev.baton.orchestrator.runtime.ReplyDecoder;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Wires the task gateway, unless {@code baton.task-gateway.enabled=false}. Task definitions come
 * from this node's runtime when it runs one. Its Kafka clients close before an embedded broker stops.
 */
@Factory
public class GatewayBeans {

    @Singleton
    @Requires(property = "baton.task-gateway.enabled", notEquals = "false")
    @Bean(preDestroy = "close")
    TaskGateway taskGateway(
            KafkaConnection kafka,
            BatonConfig config,
            TaskGatewayConfig gateway,
            ReplyDecoder decoder,
            InstanceQueries queries,
            WorkflowClient client,
            BeanProvider<StreamsRuntime> runtime) {
        TaskDefinitions definitions =
                new TaskDefinitions(runtime.isPresent() ? () -> runtime.get().definitionsView() : null);
        TaskGateway g = new TaskGateway(
                gateway,
                kafka.clientProperties(),
                config.getReplyTopic(),
                config.getLimits().getMaxTaskOutputKb() << 10,
                decoder,
                new TaskLocator(queries),
                client,
                definitions);
        if (runtime.isPresent()) {
            g.pollDataFrom(() -> runtime.get().pollers());
        }
        return kafka.closeBeforeMe(g);
    }
}
