package dev.baton.orchestrator.runtime;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.state.InstanceCache;
import dev.baton.protocol.ControlType;
import dev.baton.protocol.WorkflowControl;
import dev.baton.protocol.WorkflowSnapshot;
import dev.baton.registry.client.SchemaRegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** Baton's topology under a TopologyTestDriver (JSON encoding, simulated wall clock), with helpers to drive it. */
final class TopologyDriver implements AutoCloseable {
    final ProtocolCodec codec = ProtocolCodec.json();
    final TopologyTestDriver driver;
    private final java.nio.file.Path stateDir;
    final TestInputTopic<String, byte[]> definitions;
    final TestInputTopic<String, byte[]> commands;
    final TestInputTopic<String, byte[]> replies;
    final TestOutputTopic<String, byte[]> state;
    final TestOutputTopic<String, byte[]> taskTopic;
    /** Told of every step the workflow processor applies. */
    final AppliedNotices applied = new AppliedNotices();

    /** @param registry for Avro payloads and replies; may be null */
    TopologyDriver(SchemaRegistryClient registry) {
        this(registry, Duration.ofDays(7));
    }

    TopologyDriver(SchemaRegistryClient registry, Duration retention) {
        this(registry, retention, ReplyTopics.of(Topics.REPLIES, null), new RuntimeMetrics());
    }

    TopologyDriver(SchemaRegistryClient registry, Duration retention, RuntimeMetrics metrics) {
        this(registry, retention, ReplyTopics.of(Topics.REPLIES, null), metrics);
    }

    TopologyDriver(SchemaRegistryClient registry, Duration retention, ReplyTopics replyTopics) {
        this(registry, retention, replyTopics, new RuntimeMetrics());
    }

    TopologyDriver(SchemaRegistryClient registry, Duration retention, ReplyTopics replyTopics, RuntimeMetrics metrics) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            stateDir = Files.createTempDirectory("baton-ttd");
            p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(
                BatonTopology.build(
                        codec,
                        new ReplyDecoder(registry),
                        new CommandPayloads(registry),
                        ProcessorSettings.of(replyTopics, Duration.ofMillis(100), retention),
                        metrics,
                        new InstanceCache(64L << 20),
                        new DefinitionsFeed(),
                        applied,
                        t -> {}),
                p,
                Instant.ofEpochMilli(1_000_000));
        definitions = input(Topics.DEFINITIONS);
        commands = input(Topics.COMMANDS);
        replies = input(Topics.REPLIES);
        state = output(Topics.STATE);
        taskTopic = output(Topics.TASKS);
    }

    /** A workflow definition of {@code n} NOOP tasks {@code t0..t<n-1>} in sequence. */
    static String noops(String name, int n) {
        StringBuilder tasks = new StringBuilder();
        for (int i = 0; i < n; i++) {
            tasks.append(i == 0 ? "" : ",")
                    .append("{\"name\": \"t")
                    .append(i)
                    .append("\", \"taskReferenceName\": \"t")
                    .append(i)
                    .append("\", \"type\": \"NOOP\"}");
        }
        return "{\"name\": \"" + name + "\", \"version\": 1, \"tasks\": [" + tasks + "]}";
    }

    void define(String key, String json) {
        definitions.pipeInput(key, bytes(json));
    }

    void start(String id, String workflow, String input) {
        commands.pipeInput(
                id,
                codec.encodeControl(WorkflowControl.newBuilder()
                        .setCommandId("c-" + id)
                        .setWorkflowId(id)
                        .setType(ControlType.START)
                        .setWorkflowName(workflow)
                        .setInput(input)
                        .setTimestamp(0)
                        .build()));
    }

    void control(String id, ControlType type) {
        commands.pipeInput(
                id,
                codec.encodeControl(WorkflowControl.newBuilder()
                        .setCommandId("c-" + type + id)
                        .setWorkflowId(id)
                        .setType(type)
                        .setTimestamp(0)
                        .build()));
    }

    private final java.util.Map<String, dev.baton.protocol.TaskSnapshot> taskSnapshots =
            new java.util.LinkedHashMap<>();

    /** Every task written to baton.tasks so far, as last written, in the order first seen. */
    java.util.List<dev.baton.protocol.TaskSnapshot> tasks() {
        for (var r : taskTopic.readRecordsToList()) {
            if (r.value() == null) {
                taskSnapshots.remove(r.key());
            } else {
                taskSnapshots.put(r.key(), codec.decodeTaskSnapshot(r.value()));
            }
        }
        return java.util.List.copyOf(taskSnapshots.values());
    }

    /** One task as last written to baton.tasks. */
    dev.baton.protocol.TaskSnapshot task(String taskId) {
        tasks();
        return taskSnapshots.get(taskId);
    }

    /** The newest snapshot written since the last call. */
    WorkflowSnapshot lastSnapshot() {
        List<byte[]> all = state.readValuesToList();
        return codec.decodeSnapshot(all.get(all.size() - 1));
    }

    TestInputTopic<String, byte[]> input(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
    }

    TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
        // best effort: a state folder left behind in the temp folder is litter, not a failure
        try (java.util.stream.Stream<java.nio.file.Path> files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // already gone, or in use
        }
    }
}
