package dev.baton.server;

import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySource;
import java.util.HashMap;
import java.util.Map;

/**
 * Baton's environment variables ({@code BATON_*}, {@code KAFKA_*}, {@code MICRONAUT_*}) again, ranked
 * above configuration files and below system properties: Micronaut itself lets a file named in
 * {@code micronaut.config.files} win over the environment, while an operator expects
 * defaults &lt; files &lt; environment &lt; {@code -D} flags &lt; arguments.
 */
final class EnvironmentOverFiles extends MapPropertySource {
    /** Between configuration files (-250) and the JVM's system properties (-100). */
    static final int ORDER = -150;

    private EnvironmentOverFiles(Map<String, Object> values) {
        super("baton-env", values);
    }

    static PropertySource of(Map<String, String> environment) {
        Map<String, Object> values = new HashMap<>();
        environment.forEach((k, v) -> {
            if (k.startsWith("BATON_") || k.startsWith("KAFKA_") || k.startsWith("MICRONAUT_SERVER_")) {
                values.put(k, v);
            }
        });
        return new EnvironmentOverFiles(values);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public PropertyConvention getConvention() {
        return PropertyConvention.ENVIRONMENT_VARIABLE;
    }
}
