package dev.baton.orchestrator.config;

import dev.baton.engine.Environment;

/**
 * Secrets and environment values from this process, named as Conductor's env-backed stores name them:
 * {@code ${workflow.secrets.NAME}} reads {@code CONDUCTOR_SECRET_NAME}, {@code ${workflow.env.NAME}} reads
 * {@code CONDUCTOR_ENV_NAME} — an environment variable, else a system property of that name. Values are never logged.
 */
public final class ProcessEnvironment implements Environment {
    public static final String SECRET_PREFIX = "CONDUCTOR_SECRET_";
    public static final String ENV_PREFIX = "CONDUCTOR_ENV_";
    public static final ProcessEnvironment INSTANCE = new ProcessEnvironment();

    private ProcessEnvironment() {}

    @Override
    public String secret(String name) {
        return lookup(SECRET_PREFIX + name);
    }

    @Override
    public String env(String name) {
        return lookup(ENV_PREFIX + name);
    }

    private static String lookup(String key) {
        String value = System.getenv(key);
        return value != null ? value : System.getProperty(key);
    }
}
