package dev.baton.engine;

/**
 * Values a definition names but does not hold: Conductor's {@code ${workflow.secrets.NAME}} (kept literal in stored
 * inputs and resolved only where a task runs) and {@code ${workflow.env.NAME}} (resolved when a task is scheduled).
 * The runtime supplies them; the engine only asks.
 */
public interface Environment {
    /** No secrets and no environment values: every reference resolves to null. */
    Environment NONE = new Environment() {
        @Override
        public String secret(String name) {
            return null;
        }

        @Override
        public String env(String name) {
            return null;
        }
    };

    /** The secret of that name, or null when there is none. */
    String secret(String name);

    /** The environment value of that name, or null when there is none. */
    String env(String name);
}
