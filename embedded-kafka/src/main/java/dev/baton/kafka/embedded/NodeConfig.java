package dev.baton.kafka.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the server properties of one combined broker+controller node. */
final class NodeConfig {

    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private NodeConfig() {}

    /**
     * Defaults for a cluster of {@code nodeCount} nodes: internal topics replicated min(n, 3) times with
     * min.insync.replicas 2 from three nodes on (1 below), small coordinator topics, fast broker heartbeats.
     */
    static Map<String, String> clusterDefaults(int nodeCount) {
        String replication = Integer.toString(Math.min(nodeCount, 3));
        String minIsr = nodeCount >= 3 ? "2" : "1";
        Map<String, String> c = new LinkedHashMap<>();
        c.put("offsets.topic.replication.factor", replication);
        c.put("offsets.topic.num.partitions", "5");
        c.put("transaction.state.log.replication.factor", replication);
        c.put("transaction.state.log.min.isr", minIsr);
        c.put("transaction.state.log.num.partitions", "5");
        c.put("share.coordinator.state.topic.replication.factor", replication);
        c.put("share.coordinator.state.topic.min.isr", minIsr);
        c.put("default.replication.factor", replication);
        c.put("min.insync.replicas", minIsr);
        c.put("group.initial.rebalance.delay.ms", "0");
        c.put("num.partitions", "1");
        c.put("broker.heartbeat.interval.ms", "250");
        c.put("broker.session.timeout.ms", "6000");
        c.put("controller.quorum.election.timeout.ms", "500");
        c.put("controller.quorum.fetch.timeout.ms", "1000");
        c.put("controller.quorum.election.backoff.max.ms", "200");
        c.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        c.put("num.network.threads", "2");
        c.put("num.io.threads", "4");
        c.put("background.threads", "4");
        c.put("group.coordinator.threads", "1");
        c.put("share.coordinator.threads", "1");
        return c;
    }

    /** The {@code controller.quorum.voters} value for nodes {@code 0..n-1} with the given controller ports. */
    static String quorumVoters(int[] controllerPorts) {
        StringBuilder voters = new StringBuilder();
        for (int id = 0; id < controllerPorts.length; id++) {
            if (id > 0) {
                voters.append(',');
            }
            voters.append(id)
                    .append('@')
                    .append(EmbeddedKafkaCluster.HOST)
                    .append(':')
                    .append(controllerPorts[id]);
        }
        return voters.toString();
    }

    /** The identity, listener and storage settings of one node; these win over any extra property. */
    static Map<String, String> nodeSettings(
            int nodeId, int brokerPort, int controllerPort, Path logDir, String quorumVoters) {
        String host = EmbeddedKafkaCluster.HOST;
        Map<String, String> c = new LinkedHashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", Integer.toString(nodeId));
        c.put("controller.quorum.voters", quorumVoters);
        c.put(
                "listeners",
                BROKER_LISTENER + "://" + host + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + host + ":"
                        + controllerPort);
        c.put("advertised.listeners", BROKER_LISTENER + "://" + host + ":" + brokerPort);
        c.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        c.put("controller.listener.names", CONTROLLER_LISTENER);
        c.put("inter.broker.listener.name", BROKER_LISTENER);
        c.put("log.dirs", logDir.toAbsolutePath().toString());
        return c;
    }
}
