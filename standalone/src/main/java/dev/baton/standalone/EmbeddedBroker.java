package dev.baton.standalone;

import dev.baton.kafka.embedded.EmbeddedKafkaCluster;
import dev.baton.orchestrator.config.BatonConfig;
import dev.baton.orchestrator.kafka.LocalKafka;
import jakarta.inject.Singleton;

/**
 * The standalone mode: a single-node KRaft broker in this JVM on 127.0.0.1
 * ({@code baton.embedded-kafka-port}, 19092; controller {@code baton.embedded-kafka-controller-port},
 * 19093), its data in {@code <baton.data-dir>/kafka}, kept across restarts. Started only when no
 * {@code kafka.bootstrap.servers} is configured; being on the class path is what turns it on.
 */
@Singleton
public class EmbeddedBroker implements LocalKafka {
    private EmbeddedKafkaCluster cluster;

    @Override
    public synchronized String start(BatonConfig config) {
        if (cluster == null) {
            cluster = EmbeddedKafkaCluster.builder()
                    .dataDir(config.dataPath().resolve("kafka"))
                    .brokerPort(config.getEmbeddedKafkaPort())
                    .controllerPort(config.getEmbeddedKafkaControllerPort())
                    .build()
                    .start();
        }
        return cluster.bootstrapServers();
    }

    @Override
    public synchronized String describe() {
        return cluster == null ? "not started" : "embedded, data in " + cluster.dataDir();
    }

    @Override
    public synchronized void close() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}
