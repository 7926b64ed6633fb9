package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.orchestrator.client.StateWatcher;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.protocol.WorkflowStatus;
import dev.baton.samples.FlightBookingServices;
import dev.baton.samples.Ledger;
import dev.baton.testkit.NodeProcess;
import dev.baton.testkit.PortRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

/**
 * A real cluster on this machine, as separate processes: three KRaft broker JVMs and three nodes
 * started from the built distribution's bin/baton-server. While 3,000 flight bookings run (started
 * over REST), one node is SIGKILLed and restarted, then all three are restarted one by one, then a
 * broker is SIGKILLed. Every booking must complete with each command delivered once per attempt
 * and a gapless history, and the REST API must keep answering (503s only, counted). Run with
 * {@code -Pcluster} (docs/operations.md#the-cluster-test); it is not part of the default build.
 */
class ClusterIT {
    private static final int BOOKINGS = Integer.getInteger("cluster.bookings", 3000);
    private static final Path SCRIPT =
            DistributionIT.HOME.resolve("bin/baton-server").toAbsolutePath();

    private final List<NodeProcess> brokers = new ArrayList<>();
    private final NodeProcess[] nodes = new NodeProcess[3];
    private final Set<Integer> up = ConcurrentHashMap.newKeySet();
    private final List<String> bases = new ArrayList<>();
    private final List<String> report = new ArrayList<>();
    private Path dir;
    private String bootstrap;
    private int[] brokerPorts;
    private int[] controllerPorts;
    private String clusterId;

    @Test
    void bookingsCompleteExactlyOnceThroughANodeKillARollingRestartAndABrokerLoss() throws Exception {
        dir = Files.createTempDirectory("baton-cluster");
        brokerPorts = new int[3];
        controllerPorts = new int[3];
        for (int i = 0; i < 3; i++) {
            brokerPorts[i] = PortRange.free(18400, 18449);
            controllerPorts[i] = PortRange.free(18400, 18449);
            bases.add("http://127.0.0.1:" + PortRange.free(18450, 18499));
        }
        clusterId = Uuid.randomUuid().toString();
        bootstrap = String.join(
                ",",
                java.util.Arrays.stream(brokerPorts)
                        .mapToObj(p -> "127.0.0.1:" + p)
                        .toList());
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < 3; i++) {
                brokers.add(startBroker(i));
            }
            for (NodeProcess broker : brokers) {
                ClusterSupport.awaitOutput(broker, "ready at", Duration.ofSeconds(120));
            }
            for (int i = 0; i < 3; i++) {
                nodes[i] = startNode(i);
            }
            for (int i = 0; i < 3; i++) {
                awaitReady(i);
            }
            note("cluster of 3 brokers and 3 nodes ready after %.1f s", seconds(System.nanoTime() - t0));
            ClusterSupport.registerFlightBooking(bases.get(0));
            run();
        } finally {
            for (NodeProcess node : nodes) {
                if (node != null) {
                    node.close();
                }
            }
            for (NodeProcess broker : brokers) {
                broker.close();
            }
            System.out.println(String.join("\n", report));
        }
    }

    private void run() throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (FlightBookingServices services = FlightBookingServices.builder()
                        .bootstrapServers(bootstrap)
                        .build()
                        .start();
                StateWatcher watcher =
                        new StateWatcher(Map.of("bootstrap.servers", bootstrap), ProtocolCodec.json(), ids);
                RestProbe probe = new RestProbe(bases, up::contains, seen);
                ClusterSupport.Starter starter = new ClusterSupport.Starter(bases, up::contains, ids, BOOKINGS, 20);
                ClusterSupport.Progress progress = new ClusterSupport.Progress(watcher, ids, seen)) {

            progress.await(BOOKINGS / 10, Duration.ofMinutes(5));
            note("%d of %d bookings finished: SIGKILL node 1", progress.finished(), BOOKINGS);
            long killed = System.nanoTime();
            up.remove(1);
            nodes[1].kill();
            note("  after the kill: %s", progress.awaitSince(killed, progress.finished() + 150, Duration.ofMinutes(3)));
            long restart = System.nanoTime();
            nodes[1] = startNode(1);
            awaitReady(1);
            note("  node 1 restarted on its data, ready after %.1f s", seconds(System.nanoTime() - restart));

            for (int i = 0; i < 3; i++) {
                note("%d finished: rolling restart of node %d", progress.finished(), i);
                long stopping = System.nanoTime();
                up.remove(i);
                Duration stop = nodes[i].stop(Duration.ofSeconds(20));
                long start = System.nanoTime();
                nodes[i] = startNode(i);
                awaitReady(i);
                note(
                        "  stopped by SIGTERM in %.1f s, ready again after %.1f s; from the stop: %s",
                        stop.toMillis() / 1000.0,
                        seconds(System.nanoTime() - start),
                        progress.awaitSince(stopping, progress.finished() + 50, Duration.ofMinutes(3)));
            }

            note("%d finished: SIGKILL broker 2", progress.finished());
            long lost = System.nanoTime();
            brokers.get(2).kill();
            note(
                    "  after the broker loss: %s",
                    progress.awaitSince(lost, progress.finished() + 100, Duration.ofMinutes(3)));

            starter.awaitAll(Duration.ofMinutes(10));
            note("all %d bookings started over REST; answers to the starts by code: %s", BOOKINGS, starter.codes());
            note("  to the end: %s", progress.await(BOOKINGS, Duration.ofMinutes(10)));
            assertThat(progress.snapshots().values())
                    .extracting(WorkflowSnapshot::getStatus)
                    .hasSize(BOOKINGS)
                    .containsOnly(WorkflowStatus.COMPLETED);

            Map<Integer, Integer> codes = probe.codes();
            note("REST queries during the run by status code: %s", codes);
            assertThat(codes.keySet())
                    .as("only retryable 503s besides 200: %s", probe.examples())
                    .isSubsetOf(200, 503);
            assertThat(codes.get(200)).isGreaterThan(100);
            assertThat(starter.codes().keySet())
                    .as("starts: %s", starter.examples())
                    .isSubsetOf(200, 503, 404, -1);

            Ledger ledger = services.ledger();
            assertThat(ledger.duplicates()).as("commands delivered twice").isEmpty();
            // every delivery belongs to a tracked booking: a start retried after a time-out made no second booking
            assertThat(ledger.deliveries())
                    .hasSize(BOOKINGS * 4)
                    .allSatisfy(d -> assertThat(ids).contains(d.workflowId()));
            int gapless = ClusterSupport.assertGaplessHistories(bootstrap, ids);
            note(
                    "ledger: %d deliveries, no duplicate; %d gapless histories",
                    ledger.deliveries().size(), gapless);
        }
    }

    private NodeProcess startBroker(int id) {
        Path data = dir.resolve("broker-" + id);
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.baton.kafka.embedded.ClusterNodeMain",
                Integer.toString(id),
                clusterId,
                data.toString(),
                join(brokerPorts),
                join(controllerPorts));
        return NodeProcess.start("broker-" + id, command, Map.of(), dir, dir.resolve("broker-" + id + ".log"));
    }

    private NodeProcess startNode(int i) {
        Path data = dir.resolve("node-" + i);
        Map<String, String> env = Map.ofEntries(
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", bootstrap),
                Map.entry("KAFKA_SESSION_TIMEOUT_MS", "6000"), // a killed member is noticed after 6 s
                Map.entry("KAFKA_HEARTBEAT_INTERVAL_MS", "1500"),
                Map.entry("BATON_PORT", bases.get(i).substring(bases.get(i).lastIndexOf(':') + 1)),
                Map.entry("BATON_ADVERTISED_HOST", "127.0.0.1"),
                Map.entry("BATON_DATA_DIR", data.toString()),
                Map.entry("BATON_APPLICATION_ID", "cluster-it"),
                Map.entry("BATON_ENCODING", "json"),
                Map.entry("BATON_STANDBY_REPLICAS", "1"),
                Map.entry("BATON_JAVA_OPTS", "-Xmx512m"));
        try {
            Files.createDirectories(data);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return NodeProcess.start("node-" + i, List.of(SCRIPT.toString()), env, data, dir.resolve("node-" + i + ".log"));
    }

    private void awaitReady(int i) {
        nodes[i].awaitHttpOk(bases.get(i) + "/health/readiness", Duration.ofMinutes(3));
        up.add(i);
    }

    private void note(String format, Object... args) {
        String line = "ClusterIT: " + String.format(format, args);
        report.add(line);
        System.out.println(line);
    }

    private static String join(int[] ports) {
        return String.join(
                ",", java.util.Arrays.stream(ports).mapToObj(Integer::toString).toList());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
