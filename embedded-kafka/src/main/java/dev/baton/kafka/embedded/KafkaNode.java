package dev.baton.kafka.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/** One combined broker+controller node of an {@link EmbeddedKafkaCluster}; restartable with the same data. */
final class KafkaNode {

    private final int id;
    private final int brokerPort;
    private final int controllerPort;
    private final Path logDir;
    private final Map<String, String> config;
    private volatile KafkaRaftServer server;

    KafkaNode(int id, int brokerPort, int controllerPort, Path logDir, Map<String, String> config) {
        this.id = id;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
        this.config = Map.copyOf(config);
    }

    int id() {
        return id;
    }

    int brokerPort() {
        return brokerPort;
    }

    int controllerPort() {
        return controllerPort;
    }

    Path logDir() {
        return logDir;
    }

    String bootstrapAddress() {
        return EmbeddedKafkaCluster.HOST + ":" + brokerPort;
    }

    boolean isRunning() {
        return server != null;
    }

    /** Starts the node; blocks until its broker is unfenced (so with several voters, start them concurrently). */
    synchronized void start() {
        if (server != null) {
            return;
        }
        Properties props = new Properties();
        props.putAll(config);
        KafkaRaftServer candidate = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            candidate.startup();
        } catch (RuntimeException e) {
            shutdownQuietly(candidate);
            throw new EmbeddedKafkaException("node " + id + " failed to start", e);
        }
        server = candidate;
    }

    /**
     * Stops the broker half first, waiting at most {@code controlledShutdown} for the controller to move
     * leadership away (Kafka itself would wait five minutes when the quorum is gone), then the rest.
     */
    synchronized void stopBroker(Duration controlledShutdown) {
        KafkaRaftServer running = server;
        if (running != null) {
            BrokerAccess.shutdownBroker(running, controlledShutdown);
        }
    }

    /** Stops the node and waits until it has stopped; a no-op when not running. */
    synchronized void stop(Duration controlledShutdown) {
        KafkaRaftServer running = server;
        if (running == null) {
            return;
        }
        BrokerAccess.shutdownBroker(running, controlledShutdown);
        server = null;
        running.shutdown();
        running.awaitShutdown();
    }

    private static void shutdownQuietly(KafkaRaftServer candidate) {
        try {
            candidate.shutdown();
            candidate.awaitShutdown();
        } catch (RuntimeException ignored) {
            // the start failure is the interesting error
        }
    }
}
