package dev.baton.orchestrator.runtime;

import dev.baton.orchestrator.kafka.Topics;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;

/**
 * Kafka Streams' clients as its default supplier makes them, except that the global consumer tells
 * the {@link DefinitionsFeed} its position on the definitions topic. The global thread applies every
 * record a poll returns before it polls again, so the position taken after one poll is passed on when
 * the next one begins: every record before it has been applied by then. Kafka Streams does not expose
 * the global consumer's position otherwise, and the offset of the last record applied does not reach
 * the topic's end when the log ends in a transaction marker or in a record the cleaner removed.
 */
final class DefinitionsClientSupplier implements KafkaClientSupplier {
    private static final TopicPartition DEFINITIONS = new TopicPartition(Topics.DEFINITIONS, 0);

    private final DefinitionsFeed feed;

    DefinitionsClientSupplier(DefinitionsFeed feed) {
        this.feed = feed;
    }

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return tracking(new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()), feed);
    }

    /** {@code consumer}, passing its position on the definitions topic to {@code feed} as described above. */
    @SuppressWarnings("unchecked")
    static Consumer<byte[], byte[]> tracking(Consumer<byte[], byte[]> consumer, DefinitionsFeed feed) {
        return (Consumer<byte[], byte[]>) Proxy.newProxyInstance(
                DefinitionsClientSupplier.class.getClassLoader(),
                new Class<?>[] {Consumer.class},
                new Tracking(consumer, feed));
    }

    private static final class Tracking implements InvocationHandler {
        private final Consumer<byte[], byte[]> consumer;
        private final DefinitionsFeed feed;
        private long polled = -1; // the position after the last poll; only the global thread polls

        Tracking(Consumer<byte[], byte[]> consumer, DefinitionsFeed feed) {
            this.consumer = consumer;
            this.feed = feed;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            boolean poll = method.getName().equals("poll");
            if (poll && polled >= 0) {
                feed.advance(polled); // the records of the last poll have been applied
                polled = -1;
            }
            Object result;
            try {
                result = method.invoke(consumer, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (poll) {
                polled = position();
            }
            return result;
        }

        private long position() {
            try {
                return consumer.assignment().contains(DEFINITIONS) ? consumer.position(DEFINITIONS, Duration.ZERO) : -1;
            } catch (KafkaException e) {
                return -1; // not known without asking the broker: the next poll will tell
            }
        }
    }
}
