package dev.baton.kafka.embedded;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka KRaft cluster running inside this JVM, from the Maven classpath.
 *
 * <p>Every node is a combined broker+controller ({@code process.roles=broker,controller}) listening on
 * 127.0.0.1. Node ids are {@code 0..nodeCount()-1}; they are the Kafka {@code node.id}s, so a partition
 * leader's id can be passed to {@link #stopNode(int)}. Without a data directory the cluster lives in a
 * temporary directory removed by {@link #close()}; with one, formatted storage (and its cluster id) is
 * reused on the next start.
 *
 * <pre>{@code
 * try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().build().start()) {
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    /** The only address the cluster binds to. */
    public static final String HOST = "127.0.0.1";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Bound on waiting for the controller to approve a broker's controlled shutdown. */
    private static final Duration CONTROLLED_SHUTDOWN = Duration.ofSeconds(10);
    /** Used when too few nodes run to form a quorum, so no approval can come. */
    private static final Duration NO_QUORUM_SHUTDOWN = Duration.ofMillis(100);

    private static final int START_ATTEMPTS = 5;

    private final Path dataDir;
    private final boolean temporary;
    private final int nodeCount;
    private final int requestedBrokerPort;
    private final int requestedControllerPort;
    private final Map<String, String> extraProperties;
    private volatile List<KafkaNode> nodes;
    private String clusterId;
    private boolean started;
    private boolean closed;

    private EmbeddedKafkaCluster(Builder builder) {
        this.nodeCount = builder.nodes;
        this.temporary = builder.dataDir == null;
        this.dataDir = temporary ? Directories.createTemp() : builder.dataDir.toAbsolutePath();
        this.requestedBrokerPort = builder.brokerPort;
        this.requestedControllerPort = builder.controllerPort;
        this.extraProperties = Map.copyOf(builder.brokerProperties);
        this.nodes = createNodes();
    }

    /** Creates the nodes, resolving ports left to us (0) to free ones. */
    private List<KafkaNode> createNodes() {
        Set<Integer> taken = new HashSet<>();
        int[] brokerPorts = new int[nodeCount];
        int[] controllerPorts = new int[nodeCount];
        for (int id = 0; id < nodeCount; id++) {
            brokerPorts[id] = FreePorts.resolve(requestedBrokerPort > 0 ? requestedBrokerPort + id : 0, taken);
            taken.add(brokerPorts[id]);
            controllerPorts[id] =
                    FreePorts.resolve(requestedControllerPort > 0 ? requestedControllerPort + id : 0, taken);
            taken.add(controllerPorts[id]);
        }
        String voters = NodeConfig.quorumVoters(controllerPorts);
        List<KafkaNode> created = new ArrayList<>(nodeCount);
        for (int id = 0; id < nodeCount; id++) {
            Path logDir = dataDir.resolve("node-" + id);
            Map<String, String> config = new LinkedHashMap<>(NodeConfig.clusterDefaults(nodeCount));
            config.putAll(extraProperties);
            config.putAll(NodeConfig.nodeSettings(id, brokerPorts[id], controllerPorts[id], logDir, voters));
            created.add(new KafkaNode(id, brokerPorts[id], controllerPorts[id], logDir, config));
        }
        return List.copyOf(created);
    }

    /** A builder for a single-node cluster in a temporary directory on free ports. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats storage where needed, starts all nodes and waits until every broker is registered and
     * unfenced.
     *
     * @return this cluster
     * @throws IllegalStateException if already started or closed
     * @throws EmbeddedKafkaException if a node fails to start
     */
    public synchronized EmbeddedKafkaCluster start() {
        if (closed) {
            throw new IllegalStateException("cluster is closed");
        }
        if (started) {
            throw new IllegalStateException("cluster is already started");
        }
        started = true;
        quietRetriedFirstBatches();
        try {
            formatStorage();
            startAllRetryingPortRaces();
            if (nodes.size() > 1) {
                // a started node's broker is unfenced; make sure every broker sees all the others too
                awaitBrokers(nodes.size());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /** Where logback is the backend: the broker's retried first-batch rejections are counted, not logged. */
    private static void quietRetriedFirstBatches() {
        try {
            Class.forName("ch.qos.logback.classic.LoggerContext", false, EmbeddedKafkaCluster.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return; // another logging backend: its own configuration decides
        }
        RetriedFirstBatchFilter.install();
    }

    /** Another process may bind a port we picked before we do; then pick new ports and start again. */
    private void startAllRetryingPortRaces() {
        boolean portsArePicked = requestedBrokerPort == 0 && requestedControllerPort == 0;
        for (int attempt = 1; ; attempt++) {
            try {
                runOnAllNodes(KafkaNode::start);
                return;
            } catch (RuntimeException e) {
                if (!portsArePicked || attempt >= START_ATTEMPTS || !causedByBindFailure(e)) {
                    throw e;
                }
                runOnAllNodes(node -> node.stop(NO_QUORUM_SHUTDOWN));
                nodes = createNodes();
            }
        }
    }

    private static boolean causedByBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** Comma-separated {@code 127.0.0.1:port} of every node's broker listener (stopped nodes included). */
    public String bootstrapServers() {
        return nodes.stream().map(KafkaNode::bootstrapAddress).collect(Collectors.joining(","));
    }

    /** The number of nodes, running or stopped. */
    public int nodeCount() {
        return nodes.size();
    }

    /** The cluster id, known once {@link #start()} has formatted or read the storage. */
    public String clusterId() {
        return clusterId;
    }

    /** The directory holding one {@code node-<id>} log directory per node. */
    public Path dataDir() {
        return dataDir;
    }

    /** The broker port of node {@code nodeId} (a picked port may still change if {@link #start()} must re-pick). */
    public int brokerPort(int nodeId) {
        return node(nodeId).brokerPort();
    }

    /** The controller port of node {@code nodeId} (same caveat as {@link #brokerPort(int)}). */
    public int controllerPort(int nodeId) {
        return node(nodeId).controllerPort();
    }

    /** Whether node {@code nodeId} is running. */
    public boolean isNodeRunning(int nodeId) {
        return node(nodeId).isRunning();
    }

    /**
     * Stops node {@code nodeId} with a controlled shutdown (its partition leaderships move to other nodes
     * first), keeping its data; a no-op if it is stopped. Returns once the node has stopped.
     *
     * <p>While a quorum of nodes still runs, the stopped broker is also unregistered, so that
     * {@link #startNode(int)} can register it again at once rather than after {@code broker.session.timeout.ms}.
     * Stopping the node that takes the cluster below a quorum works, but a later close or stop of the
     * remaining nodes then takes a few seconds longer (their controllers wait for a leader that cannot come).
     */
    public void stopNode(int nodeId) {
        requireStarted();
        KafkaNode node = node(nodeId);
        if (!node.isRunning()) {
            return;
        }
        node.stop(controlledShutdownWait());
        if (hasQuorum()) {
            unregister(nodeId);
        }
    }

    /** Restarts a stopped node with the same ports and data; returns once its broker is unfenced. */
    public void startNode(int nodeId) {
        requireStarted();
        node(nodeId).start();
    }

    /** Stops every node and, for a temporary cluster, deletes its data. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        try {
            // brokers first, while every running controller still serves the quorum; then the rest
            Duration wait = controlledShutdownWait();
            runOnAllNodes(node -> node.stopBroker(wait));
            runOnAllNodes(node -> node.stop(wait));
        } catch (RuntimeException e) {
            failure = e;
        }
        if (temporary) {
            try {
                Directories.deleteRecursively(dataDir);
            } catch (IOException e) {
                if (failure == null) {
                    failure = new EmbeddedKafkaException("cannot delete " + dataDir, e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaCluster[" + bootstrapServers() + ", nodes=" + nodes.size() + ", dataDir=" + dataDir + "]";
    }

    private KafkaNode node(int nodeId) {
        if (nodeId < 0 || nodeId >= nodes.size()) {
            throw new IllegalArgumentException("no node " + nodeId + "; node ids are 0.." + (nodes.size() - 1));
        }
        return nodes.get(nodeId);
    }

    private synchronized void requireStarted() {
        if (!started || closed) {
            throw new IllegalStateException("cluster is not running");
        }
    }

    private boolean hasQuorum() {
        long running = nodes.stream().filter(KafkaNode::isRunning).count();
        return running > nodes.size() / 2;
    }

    private Duration controlledShutdownWait() {
        return hasQuorum() ? CONTROLLED_SHUTDOWN : NO_QUORUM_SHUTDOWN;
    }

    /** Best effort: on failure the restarted broker simply waits for its old session to expire. */
    private void unregister(int nodeId) {
        try (Admin admin = Admin.create(adminConfig(runningBootstrapServers()))) {
            admin.unregisterBroker(nodeId).all().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // keep the registration; re-registration waits for broker.session.timeout.ms
        }
    }

    private String runningBootstrapServers() {
        return nodes.stream()
                .filter(KafkaNode::isRunning)
                .map(KafkaNode::bootstrapAddress)
                .collect(Collectors.joining(","));
    }

    private static Map<String, Object> adminConfig(String bootstrap) {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
    }

    private void formatStorage() {
        clusterId = nodes.stream()
                .map(n -> NodeStorage.clusterId(n.logDir()))
                .flatMap(Optional::stream)
                .findFirst()
                .orElseGet(() -> Uuid.randomUuid().toString());
        for (KafkaNode node : nodes) {
            if (!NodeStorage.isFormatted(node.logDir())) {
                NodeStorage.format(node.logDir(), node.id(), clusterId, NodeConfig.CONTROLLER_LISTENER);
            }
        }
    }

    /** Runs {@code action} on every node; concurrently when there are several (voters need each other). */
    private void runOnAllNodes(Consumer<KafkaNode> action) {
        if (nodes.size() == 1) {
            action.accept(nodes.get(0));
            return;
        }
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (KafkaNode node : nodes) {
            CompletableFuture<Void> future = new CompletableFuture<>();
            Thread thread = new Thread(
                    () -> {
                        try {
                            action.accept(node);
                            future.complete(null);
                        } catch (Throwable t) {
                            future.completeExceptionally(t);
                        }
                    },
                    "embedded-kafka-node-" + node.id());
            thread.setDaemon(true);
            thread.start();
            futures.add(future);
        }
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException re ? re : new EmbeddedKafkaException("node action failed", cause);
        }
    }

    /** Waits until every broker's own metadata shows all brokers (each broker learns of the others on its own). */
    private void awaitBrokers(int expected) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (String address : bootstrapServers().split(",")) {
            awaitBrokers(address, expected, deadline);
        }
    }

    private void awaitBrokers(String address, int expected, long deadline) {
        try (Admin admin = Admin.create(adminConfig(address))) {
            while (true) {
                int seen = admin.describeCluster()
                        .nodes()
                        .get(10, TimeUnit.SECONDS)
                        .size();
                if (seen >= expected) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new EmbeddedKafkaException(
                            "only " + seen + " of " + expected + " brokers registered (as " + address + " sees it)");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while waiting for the brokers", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EmbeddedKafkaException("brokers did not become ready", e);
        }
    }

    /** Configures an {@link EmbeddedKafkaCluster}. */
    public static final class Builder {

        private int nodes = 1;
        private Path dataDir;
        private int brokerPort;
        private int controllerPort;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();

        private Builder() {}

        /** Number of combined broker+controller nodes (default 1). */
        public Builder nodes(int nodes) {
            if (nodes < 1) {
                throw new IllegalArgumentException("nodes must be at least 1: " + nodes);
            }
            this.nodes = nodes;
            return this;
        }

        /**
         * Keeps the cluster's storage in {@code dir} (created if missing) and reuses it, with its cluster id,
         * on the next start. Without it, a temporary directory is used and deleted on close.
         */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Broker listener port of node 0 (node i uses port + i); 0, the default, picks free ports. */
        public Builder brokerPort(int port) {
            this.brokerPort = checkPort(port);
            return this;
        }

        /** Controller listener port of node 0 (node i uses port + i); 0, the default, picks free ports. */
        public Builder controllerPort(int port) {
            this.controllerPort = checkPort(port);
            return this;
        }

        /**
         * An extra server property for every node, overriding the defaults (not the listener, quorum,
         * node id, role or log-dir settings, which the cluster owns).
         */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(key, value);
            return this;
        }

        /** Extra server properties for every node; see {@link #brokerProperty(String, String)}. */
        public Builder brokerProperties(Map<String, String> properties) {
            brokerProperties.putAll(properties);
            return this;
        }

        /** Creates the (not yet started) cluster, reserving its ports. */
        public EmbeddedKafkaCluster build() {
            return new EmbeddedKafkaCluster(this);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("invalid port " + port);
            }
            return port;
        }
    }
}
