package dev.baton.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The choreographed baseline: the same echo services chained by events, no orchestrator.
 * Service 1 consumes {@code chain<L>.start} and publishes to {@code chain<L>.step2}, ..., the
 * last publishes to {@code chain<L>.done}. Each service reads read_committed and publishes with
 * its consumed offsets in one transaction, as Baton's workers do.
 */
final class Choreography implements AutoCloseable {
    private final int length;
    private final String startTopic;
    private final List<ChainStage> stages = new ArrayList<>();
    private final KafkaProducer<String, byte[]> starter;
    private final KafkaConsumer<String, byte[]> doneConsumer;
    private final Thread doneThread;
    private final AtomicLong inputSeq = new AtomicLong();
    private volatile boolean running = true;
    private volatile Tracker tracker;

    Choreography(String bootstrap, int length, int partitions, Map<String, Object> clientProperties) throws Exception {
        this.length = length;
        String base = "chain" + length;
        List<String> topics = new ArrayList<>();
        topics.add(base + ".start");
        for (int i = 2; i <= length; i++) {
            topics.add(base + ".step" + i);
        }
        topics.add(base + ".done");
        this.startTopic = topics.get(0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics.stream()
                            .map(t -> new NewTopic(t, partitions, (short) 1))
                            .toList())
                    .all()
                    .get();
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= length; i++) {
            ChainStage stage = new ChainStage(
                    bootstrap,
                    "echo" + i,
                    topics.get(i - 1),
                    topics.get(i),
                    "bench-" + base + "-service" + i,
                    "bench-" + base + "-service" + i + "-" + run,
                    clientProperties);
            stages.add(stage);
        }
        Map<String, Object> p = new HashMap<>(clientProperties);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2); // as Baton's WorkflowClient
        this.starter = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());

        Map<String, Object> c = new HashMap<>(clientProperties);
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        this.doneConsumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = doneConsumer.partitionsFor(base + ".done").stream()
                .map(i -> new TopicPartition(i.topic(), i.partition()))
                .toList();
        doneConsumer.assign(parts);
        doneConsumer.seekToEnd(parts);
        parts.forEach(doneConsumer::position);
        this.doneThread = new Thread(this::followDone, "bench-" + base + "-done");
        doneThread.setDaemon(true);
    }

    Choreography start() {
        stages.forEach(ChainStage::start);
        doneThread.start();
        return this;
    }

    int length() {
        return length;
    }

    void track(Tracker tracker) {
        this.tracker = tracker;
    }

    Target target() {
        return new Target() {
            @Override
            public void start(String id) {
                RecordHeaders headers = new RecordHeaders();
                headers.add("chain-id", id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                byte[] value = ("{\"n\":" + inputSeq.incrementAndGet() + "}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                starter.send(new ProducerRecord<>(startTopic, null, id, value, headers));
            }

            @Override
            public void flush() {
                starter.flush();
            }
        };
    }

    private void followDone() {
        while (running) {
            try {
                var records = doneConsumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                Tracker t = tracker;
                if (t == null) {
                    continue;
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    t.finished(r.key(), true, now);
                }
            } catch (WakeupException e) {
                // closing
            }
        }
        doneConsumer.close();
    }

    @Override
    public void close() {
        running = false;
        doneConsumer.wakeup();
        try {
            doneThread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stages.forEach(ChainStage::close);
        starter.close();
    }
}
