package dev.baton.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.dsl.DefinitionParser;
import dev.baton.kafka.embedded.EmbeddedKafkaCluster;
import dev.baton.orchestrator.client.WorkflowClient;
import dev.baton.orchestrator.runtime.ProtocolCodec;
import dev.baton.orchestrator.runtime.StreamsRuntime;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A real broker (in-process KRaft, temp dir), the orchestrator (Micronaut context, Kafka Streams
 * with exactly_once_v2) and optionally the echo services, with a {@link StateObserver} on baton.state.
 */
final class BatonStack implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    final EmbeddedKafkaCluster kafka;
    final ApplicationContext context;
    final WorkflowClient client;
    final StreamsRuntime runtime;
    final ProtocolCodec codec;
    final StateObserver observer;
    final Path dataDir;
    /** The orchestrator's settings, from which {@link #startNode} starts further nodes of the same application. */
    private final Map<String, Object> nodeProps;

    private final EchoServices echo;
    private final AtomicLong inputSeq = new AtomicLong();

    private BatonStack(
            EmbeddedKafkaCluster kafka,
            ApplicationContext context,
            Path dataDir,
            Map<String, Object> nodeProps,
            EchoServices echo) {
        this.kafka = kafka;
        this.nodeProps = Map.copyOf(nodeProps);
        this.context = context;
        this.dataDir = dataDir;
        this.client = context.getBean(WorkflowClient.class);
        this.runtime = context.getBean(StreamsRuntime.class);
        this.codec = context.getBean(ProtocolCodec.class);
        this.echo = echo;
        this.observer = new StateObserver(kafka.bootstrapServers(), codec);
    }

    /** Starts everything and registers the echo task definitions and the given workflows. */
    static BatonStack start(BenchOptions o, boolean withEcho, List<Workload> workflows) throws Exception {
        EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().build().start();
        ApplicationContext ctx = null;
        EchoServices echo = null;
        try {
            Path dir = Files.createTempDirectory("baton-bench");
            Map<String, Object> props = new HashMap<>();
            props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            props.put("baton.data-dir", dir.toString());
            props.put("baton.application-id", "bench-" + UUID.randomUUID());
            props.put("baton.encoding", o.encoding());
            props.put("baton.stream-threads", o.streamThreads());
            props.put("baton.partitions", o.partitions());
            props.put("micronaut.server.port", -1);
            props.put("baton.http-worker.enabled", false);
            o.clientProperties().forEach((k, v) -> props.put("kafka." + k, v));
            if (o.commitIntervalMs() > 0) {
                props.put("baton.commit-interval-ms", o.commitIntervalMs());
            }
            ctx = ApplicationContext.run(props);
            if (!ctx.getBean(StreamsRuntime.class).awaitRunning(Duration.ofSeconds(120))) {
                throw new IllegalStateException("Kafka Streams did not reach RUNNING in 120 s");
            }
            WorkflowClient client = ctx.getBean(WorkflowClient.class);
            client.registerTaskDefs(DefinitionParser.tasks(Workload.echoTaskDefs()));
            for (Workload w : workflows) {
                client.registerWorkflow(DefinitionParser.workflow(w.definition()));
            }
            if (withEcho) {
                echo = new EchoServices(
                                kafka.bootstrapServers(), o.partitions(), o.workerThreads(), o.clientProperties())
                        .start();
            }
            return new BatonStack(kafka, ctx, dir, props, echo);
        } catch (Exception | Error e) {
            if (echo != null) {
                echo.close();
            }
            if (ctx != null) {
                ctx.close();
            }
            kafka.close();
            throw e;
        }
    }

    /** Starts instances of one workflow; the run id is the correlation id. */
    Target target(Workload w) {
        return new Target() {
            @Override
            public void start(String id) {
                client.start(w.workflow(), null, input(), id);
            }

            @Override
            public void flush() {
                client.flush();
            }
        };
    }

    /**
     * Starts another orchestrator node of this stack's application (as a restarted or an added
     * node would start), with its state in {@code dataDir} and these settings changed; it does not
     * wait for Kafka Streams. The caller closes it.
     */
    ApplicationContext startNode(Path dataDir, Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>(nodeProps);
        props.put("baton.data-dir", dataDir.toString());
        props.putAll(overrides);
        return ApplicationContext.run(props);
    }

    ObjectNode input() {
        return JSON.createObjectNode().put("n", inputSeq.incrementAndGet());
    }

    EchoServices echo() {
        return echo;
    }

    /** Size of an instance as JSON (header and tasks, read back from the stores), or -1 if absent. */
    int storedBytes(String workflowId) {
        if (workflowId == null) {
            return -1;
        }
        var wf = runtime.localInstances().find(workflowId);
        return wf == null ? -1 : dev.baton.orchestrator.runtime.InstanceCodec.encode(wf).length;
    }

    /** Bytes on disk under the Kafka Streams state directory (RocksDB stores, checkpoints). */
    long stateDirBytes() {
        Path streams = dataDir.resolve("streams");
        if (!Files.isDirectory(streams)) {
            return 0;
        }
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> files = Files.walk(streams)) {
                return files.filter(Files::isRegularFile)
                        .mapToLong(p -> {
                            try {
                                return Files.size(p);
                            } catch (IOException e) {
                                return 0; // a RocksDB file removed by compaction meanwhile
                            }
                        })
                        .sum();
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 3) {
                    return -1; // files keep changing under the walk
                }
            }
        }
    }

    String bootstrap() {
        return kafka.bootstrapServers();
    }

    @Override
    public void close() {
        observer.close();
        if (echo != null) {
            echo.close();
        }
        context.close();
        kafka.close();
        deleteQuietly(dataDir);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp dir left behind is harmless
        }
    }
}
