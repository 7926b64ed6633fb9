package dev.baton.registry.serde;

import dev.baton.registry.client.HttpSchemaRegistryClient;
import dev.baton.registry.client.SchemaRegistryClient;
import java.util.Map;

/**
 * Configuration keys understood by {@link AvroWireSerializer}, {@link AvroWireDeserializer} and
 * {@link AvroWireSerde} in {@code configure(Map, boolean)}; the names follow Confluent's
 * serializers so that existing Kafka client configuration carries over.
 */
public final class AvroSerdeConfig {

    /** Registry base URL(s), comma-separated. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** "user:password" for basic auth. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Bearer token. */
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    /** Register schemas on first use (default true); when false the schema must already be registered. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Deserialize into generated SpecificRecord classes found by the writer schema's name (default false). */
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    /** SpecificRecord class (or class name) to read keys into. */
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    /** SpecificRecord class (or class name) to read values into. */
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
    /** Subject name strategy for keys (default TopicNameStrategy). */
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    /** Subject name strategy for values (default TopicNameStrategy). */
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    /** A ready {@link SchemaRegistryClient} instance to use instead of building one from the URL. */
    public static final String SCHEMA_REGISTRY_CLIENT = "baton.schema.registry.client";

    private AvroSerdeConfig() {}

    static SchemaRegistryClient client(Map<String, ?> configs) {
        Object given = configs.get(SCHEMA_REGISTRY_CLIENT);
        if (given instanceof SchemaRegistryClient c) {
            return c;
        }
        return HttpSchemaRegistryClient.fromConfig(configs);
    }

    static boolean bool(Map<String, ?> configs, String key, boolean defaultValue) {
        Object v = configs.get(key);
        return v == null ? defaultValue : Boolean.parseBoolean(v.toString().trim());
    }

    static SubjectNameStrategy strategy(Map<String, ?> configs, boolean isKey) {
        Object v = configs.get(isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY);
        return v == null ? SubjectNameStrategy.TOPIC : SubjectNameStrategy.of(v);
    }

    static Class<?> type(Map<String, ?> configs, boolean isKey) {
        Object v = configs.get(isKey ? SPECIFIC_AVRO_KEY_TYPE : SPECIFIC_AVRO_VALUE_TYPE);
        if (v == null) {
            return null;
        }
        if (v instanceof Class<?> c) {
            return c;
        }
        try {
            return Class.forName(
                    v.toString().trim(), true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("Cannot load " + v, e);
        }
    }
}
