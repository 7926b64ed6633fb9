package dev.baton.kafka.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one combined broker+controller node of a static KRaft quorum as its own JVM: start one per
 * node, each with the same ports and cluster id, to get a cluster of separate processes (what
 * Baton's multi-process cluster test does).
 *
 * <pre>
 * java -cp &lt;classpath&gt; dev.baton.kafka.embedded.ClusterNodeMain NODE_ID CLUSTER_ID DATA_DIR \
 *      BROKER_PORTS CONTROLLER_PORTS      (ports comma-separated, node 0 first, all on 127.0.0.1)
 * </pre>
 *
 * Formats {@code DATA_DIR} on first start, keeps it across restarts, prints
 * {@code Kafka node N ready at 127.0.0.1:PORT} once its broker is unfenced, and stops on SIGTERM.
 */
public final class ClusterNodeMain {

    private ClusterNodeMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 5) {
            System.err.println("usage: ClusterNodeMain NODE_ID CLUSTER_ID DATA_DIR BROKER_PORTS CONTROLLER_PORTS");
            System.exit(2);
        }
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/baton/kafka/embedded/embedded-kafka-logback.xml");
        }
        int id = Integer.parseInt(args[0]);
        String clusterId = args[1];
        Path dataDir = Path.of(args[2]).toAbsolutePath();
        int[] brokerPorts =
                Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
        int[] controllerPorts =
                Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
        if (!NodeStorage.isFormatted(dataDir)) {
            NodeStorage.format(dataDir, id, clusterId, NodeConfig.CONTROLLER_LISTENER);
        }
        Map<String, String> config = new LinkedHashMap<>(NodeConfig.clusterDefaults(brokerPorts.length));
        config.putAll(NodeConfig.nodeSettings(
                id, brokerPorts[id], controllerPorts[id], dataDir, NodeConfig.quorumVoters(controllerPorts)));
        KafkaNode node = new KafkaNode(id, brokerPorts[id], controllerPorts[id], dataDir, config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                node.stop(Duration.ofSeconds(10));
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "kafka-node-shutdown"));
        node.start();
        System.out.println("Kafka node " + id + " ready at " + node.bootstrapAddress());
        System.out.flush();
        stopped.await();
    }
}
