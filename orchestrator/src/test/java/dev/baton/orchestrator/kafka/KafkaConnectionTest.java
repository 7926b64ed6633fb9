package dev.baton.orchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.registry.builtin.BuiltInSchemaRegistry;
import dev.baton.registry.client.HttpSchemaRegistryClient;
import dev.baton.registry.client.SchemaRegistryClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.MapPropertySource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a bootstrap address configured, nothing local starts and every kafka.* client setting passes through. */
class KafkaConnectionTest {

    @Test
    void usesTheConfiguredClusterAndPassesClientSettingsThrough() {
        try (ApplicationContext ctx = ApplicationContext.builder()
                .properties(Map.of(
                        "kafka.bootstrap.servers", "broker-a:9093,broker-b:9093",
                        "kafka.security.protocol", "SASL_SSL",
                        "kafka.sasl.mechanism", "SCRAM-SHA-512",
                        "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                        "kafka.ssl.truststore.location", "/etc/baton/truststore.jks",
                        "kafka.not.a.kafka.setting", "x",
                        "baton.runtime.enabled", "false"))
                .start()) {
            KafkaConnection kafka = ctx.getBean(KafkaConnection.class);
            assertThat(kafka.isEmbedded()).isFalse();
            assertThat(kafka.bootstrapServers()).isEqualTo("broker-a:9093,broker-b:9093");
            assertThat(kafka.clientProperties())
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("ssl.truststore.location", "/etc/baton/truststore.jks")
                    .containsKey("sasl.jaas.config")
                    .doesNotContainKey("not.a.kafka.setting");
        }
    }

    @Test
    void readsTheClusterAndClientSettingsFromEnvironmentVariables() {
        MapPropertySource env =
                new MapPropertySource(
                        "env",
                        Map.of(
                                "KAFKA_BOOTSTRAP_SERVERS", "broker-e:9092",
                                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                                "KAFKA_SASL_JAAS_CONFIG",
                                        "org.apache.kafka.common.security.plain.PlainLoginModule required;")) {
                    @Override
                    public PropertyConvention getConvention() {
                        return PropertyConvention.ENVIRONMENT_VARIABLE;
                    }
                };
        try (ApplicationContext ctx = ApplicationContext.builder()
                .propertySources(env)
                .properties(Map.of("baton.runtime.enabled", "false"))
                .start()) {
            KafkaConnection kafka = ctx.getBean(KafkaConnection.class);
            assertThat(kafka.bootstrapServers()).isEqualTo("broker-e:9092");
            assertThat(kafka.clientProperties())
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry(
                            "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;");
        }
    }

    @Test
    void withoutABootstrapAddressNorAStandaloneBrokerTheStartNamesTheSetting() {
        try (ApplicationContext ctx = ApplicationContext.builder()
                .properties(Map.of("baton.runtime.enabled", "false"))
                .start()) {
            assertThat(ctx.containsBean(LocalKafka.class))
                    .as("no broker on the orchestrator's class path")
                    .isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ctx.getBean(KafkaConnection.class))
                    .hasStackTraceContaining("No Kafka cluster configured: set kafka.bootstrap.servers")
                    .hasStackTraceContaining("KAFKA_BOOTSTRAP_SERVERS");
        }
    }

    @Test
    void anExternalRegistryUrlReplacesTheBuiltInRegistry() {
        try (ApplicationContext ctx = ApplicationContext.builder()
                .properties(Map.of(
                        "kafka.bootstrap.servers",
                        "broker-a:9093",
                        "baton.registry-url",
                        "http://registry.example:8081",
                        "baton.runtime.enabled",
                        "false"))
                .start()) {
            assertThat(ctx.getBean(SchemaRegistryClient.class)).isInstanceOf(HttpSchemaRegistryClient.class);
            assertThat(ctx.containsBean(BuiltInSchemaRegistry.class)).isFalse();
        }
    }
}
