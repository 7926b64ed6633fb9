package dev.baton.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.protocol.json.AvroJson;
import dev.baton.registry.client.HttpSchemaRegistryClient;
import dev.baton.registry.client.SchemaRegistryClient;
import dev.baton.registry.serde.WireFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A registry-aware console consumer: prints each record of a topic as {@code key<TAB>value},
 * decoding Avro in the Confluent wire format through a schema registry (the built-in one by
 * default) and showing JSON values as they are. Reads committed data only.
 *
 * <pre>baton-tail --topic baton.state [--bootstrap 127.0.0.1:19092] [--registry URL] [--from-beginning] [--max N] [--idle-ms 3000]</pre>
 */
public final class TopicTail {
    private TopicTail() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new HashMap<>(Map.of(
                "--bootstrap",
                "127.0.0.1:19092",
                "--registry",
                "http://127.0.0.1:8080/registry",
                "--max",
                "-1",
                "--idle-ms",
                "-1"));
        boolean fromBeginning = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--from-beginning")) {
                fromBeginning = true;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                opts.put(args[i], args[++i]);
            } else {
                System.err.println("usage: baton-tail --topic T [--bootstrap HOST:PORT] [--registry URL] "
                        + "[--from-beginning] [--max N] [--idle-ms MS]");
                System.exit(2);
            }
        }
        String topic = opts.get("--topic");
        if (topic == null) {
            System.err.println("baton-tail: --topic is required");
            System.exit(2);
        }
        long max = Long.parseLong(opts.get("--max"));
        long idleMs = Long.parseLong(opts.get("--idle-ms"));
        try (SchemaRegistryClient registry =
                HttpSchemaRegistryClient.builder(opts.get("--registry")).build()) {
            tail(opts.get("--bootstrap"), topic, fromBeginning, max, idleMs, registry, System.out);
        } catch (Exception e) {
            System.err.println("baton-tail: " + e.getMessage());
            System.exit(1);
        }
    }

    static long tail(
            String bootstrap,
            String topic,
            boolean fromBeginning,
            long max,
            long idleMs,
            SchemaRegistryClient registry,
            PrintStream out) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long printed = 0;
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            c.assign(parts);
            if (fromBeginning) {
                c.seekToBeginning(parts);
            } else {
                c.seekToEnd(parts);
            }
            long lastRecord = System.currentTimeMillis();
            while (max < 0 || printed < max) {
                var records = c.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> r : records) {
                    out.println(r.key() + "\t" + render(r.value(), registry));
                    lastRecord = System.currentTimeMillis();
                    if (++printed == max) {
                        break;
                    }
                }
                if (idleMs >= 0 && System.currentTimeMillis() - lastRecord > idleMs) {
                    break;
                }
            }
        }
        out.flush();
        return printed;
    }

    static String render(byte[] value, SchemaRegistryClient registry) {
        if (value == null) {
            return "null";
        }
        if (value.length >= WireFormat.HEADER_SIZE && value[0] == WireFormat.MAGIC_BYTE) {
            try {
                Schema schema = registry.getById(WireFormat.schemaId(value));
                Object datum = new GenericDatumReader<>(schema)
                        .read(
                                null,
                                DecoderFactory.get()
                                        .binaryDecoder(
                                                value,
                                                WireFormat.HEADER_SIZE,
                                                value.length - WireFormat.HEADER_SIZE,
                                                null));
                JsonNode json = AvroJson.toJsonNode(datum, schema);
                return json.toString();
            } catch (IOException | RuntimeException e) {
                return "<undecodable Avro: " + e.getMessage() + ">";
            }
        }
        return new String(value, StandardCharsets.UTF_8);
    }
}
