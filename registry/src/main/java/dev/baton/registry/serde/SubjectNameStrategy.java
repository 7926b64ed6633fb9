package dev.baton.registry.serde;

import java.util.Locale;
import org.apache.avro.Schema;

/** Chooses the subject under which a record's schema is registered. */
@FunctionalInterface
public interface SubjectNameStrategy {

    /** {@code <topic>-key} / {@code <topic>-value} (the default). */
    SubjectNameStrategy TOPIC = (topic, isKey, schema) -> topic + (isKey ? "-key" : "-value");
    /** The record's full name. */
    SubjectNameStrategy RECORD = (topic, isKey, schema) -> schema.getFullName();
    /** {@code <topic>-<record full name>}. */
    SubjectNameStrategy TOPIC_RECORD = (topic, isKey, schema) -> topic + "-" + schema.getFullName();

    /**
     * @param topic Kafka topic
     * @param isKey true for record keys
     * @param schema the record's schema
     * @return the subject
     */
    String subject(String topic, boolean isKey, Schema schema);

    /**
     * Resolves a strategy from its name: TopicNameStrategy, RecordNameStrategy or
     * TopicRecordNameStrategy (simple or Confluent fully qualified class names), or a class
     * implementing this interface.
     *
     * @param value name, class or instance
     * @return the strategy
     */
    static SubjectNameStrategy of(Object value) {
        if (value instanceof SubjectNameStrategy s) {
            return s;
        }
        if (value instanceof Class<?> c) {
            return instantiate(c);
        }
        String name = String.valueOf(value).trim();
        String simple = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        switch (simple) {
            case "topicnamestrategy", "topic":
                return TOPIC;
            case "recordnamestrategy", "record":
                return RECORD;
            case "topicrecordnamestrategy", "topic_record":
                return TOPIC_RECORD;
            default:
                try {
                    return instantiate(
                            Class.forName(name, true, Thread.currentThread().getContextClassLoader()));
                } catch (ClassNotFoundException e) {
                    throw new IllegalArgumentException("Unknown subject name strategy " + name, e);
                }
        }
    }

    private static SubjectNameStrategy instantiate(Class<?> c) {
        try {
            return (SubjectNameStrategy) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("Cannot use " + c.getName() + " as a subject name strategy", e);
        }
    }
}
