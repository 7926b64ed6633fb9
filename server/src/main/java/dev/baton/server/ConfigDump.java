package dev.baton.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The settings a node would start with, read the way the server reads them (bundled defaults,
 * config files, environment variables, system properties, arguments) without starting anything.
 * Baton's settings are those its configuration classes declare (the configuration metadata the
 * build writes), each with its value in effect; Kafka's are the client settings Baton passes on.
 * {@link #print} hides every value whose name marks it as a secret.
 */
final class ConfigDump implements AutoCloseable {
    private static final String METADATA = "META-INF/spring-configuration-metadata.json";
    private static final List<String> OTHER_SETTINGS = List.of(
            "baton.auth.enabled",
            "baton.auth.token-secret",
            "baton.auth.token-expiry",
            "baton.auth.api-keys",
            "baton.auth.tokens",
            "baton.auth.open-paths",
            "micronaut.server.host",
            "micronaut.server.port",
            "micronaut.config.files");

    private final ApplicationContext context;
    private String problem;

    private ConfigDump(ApplicationContext context) {
        this.context = context;
    }

    static ConfigDump load(String[] args) {
        // configuration only: nothing connects, nothing listens
        ApplicationContext ctx = ApplicationContext.builder()
                .args(args)
                .propertySources(EnvironmentOverFiles.of(System.getenv()))
                .properties(Map.of("baton.runtime.enabled", "false"))
                .build();
        ctx.getEnvironment().start();
        return new ConfigDump(ctx);
    }

    Optional<String> bootstrapServers() {
        return context.getEnvironment()
                .getProperty("kafka.bootstrap.servers", String.class)
                .filter(s -> !s.isBlank());
    }

    /** The settings in effect, sorted by name, secrets replaced by {@link Redaction#HIDDEN}. */
    Map<String, String> settings() {
        if (!context.isRunning() && problem == null) {
            try {
                context.start();
            } catch (RuntimeException e) {
                // an invalid setting (a short token secret, say): show the others, and the problem
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                problem = String.valueOf(cause.getMessage());
            }
        }
        Environment env = context.getEnvironment();
        Map<String, String> out = new TreeMap<>();
        for (String name : kafkaSettings()) {
            env.getProperty("kafka." + name, String.class)
                    .ifPresent(v -> out.put("kafka." + name, Redaction.value("kafka." + name, v)));
        }
        Map<String, String> metadata = batonSettings();
        Map<String, String> defaults = context.isRunning() ? defaults(metadata) : Map.of();
        for (String name : metadata.keySet()) {
            env.getProperty(name, String.class)
                    .or(() -> Optional.ofNullable(defaults.get(name)))
                    .ifPresent(v -> out.put(name, Redaction.value(name, v)));
        }
        for (String name : OTHER_SETTINGS) {
            env.getProperty(name, String.class).ifPresent(v -> out.put(name, Redaction.value(name, v)));
        }
        return out;
    }

    /** Names of Baton's settings, each with the configuration class that holds it. */
    private static Map<String, String> batonSettings() {
        Map<String, String> names = new TreeMap<>();
        try {
            for (URL url : Collections.list(ConfigDump.class.getClassLoader().getResources(METADATA))) {
                try (InputStream in = url.openStream()) {
                    new ObjectMapper().readTree(in).path("properties").forEach(p -> {
                        if (p.path("name").asText().startsWith("baton.")) {
                            names.put(
                                    p.path("name").asText(),
                                    p.path("sourceType").asText());
                        }
                    });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The defaults of Baton's settings: the configuration beans' values, read without starting anything else. */
    private Map<String, String> defaults(Map<String, String> settings) {
        Map<String, String> out = new HashMap<>();
        ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        for (String type : new HashSet<>(settings.values())) {
            String prefix = settings.entrySet().stream()
                    .filter(e -> e.getValue().equals(type))
                    .map(Map.Entry::getKey)
                    .min(Comparator.naturalOrder())
                    .map(n -> n.substring(0, n.lastIndexOf('.')))
                    .orElseThrow();
            try {
                flatten(prefix, json.valueToTree(context.getBean(Class.forName(type))), out);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // a configuration class that cannot be read alone: its settings show only when set
            }
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                flatten(prefix + "." + kebab(field.getKey()), field.getValue(), out);
            }
        } else if (!node.isNull()) {
            out.putIfAbsent(prefix, node.isTextual() ? node.textValue() : node.toString());
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static Set<String> kafkaSettings() {
        Set<String> names = new HashSet<>();
        names.addAll(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        names.addAll(StreamsConfig.configDef().names());
        return names;
    }

    void print(PrintStream out) {
        Map<String, String> settings = settings();
        String sources = context.getEnvironment().getPropertySources().stream()
                .sorted(Comparator.comparingInt(PropertySource::getOrder))
                .map(PropertySource::getName)
                .distinct()
                .collect(Collectors.joining(" < "));
        out.println("# baton-server " + ServerHelp.version() + ": settings in effect (sources: " + sources + ")");
        if (problem != null) {
            out.println("# this node would not start: "
                    + problem.lines().findFirst().orElse(""));
        }
        settings.forEach((k, v) -> out.println(k + " = " + v));
        out.flush();
    }

    @Override
    public void close() {
        if (context.isRunning()) {
            context.stop();
        }
    }
}
