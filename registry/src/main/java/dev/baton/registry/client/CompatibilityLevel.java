package dev.baton.registry.client;

import java.util.Locale;

/** Schema compatibility levels, as in the Confluent Schema Registry. */
public enum CompatibilityLevel {
    /** No check. */
    NONE(false, false, false),
    /** The new schema can read data written with the latest version. */
    BACKWARD(true, false, false),
    /** The new schema can read data written with every earlier version. */
    BACKWARD_TRANSITIVE(true, false, true),
    /** The latest version can read data written with the new schema. */
    FORWARD(false, true, false),
    /** Every earlier version can read data written with the new schema. */
    FORWARD_TRANSITIVE(false, true, true),
    /** Both BACKWARD and FORWARD against the latest version. */
    FULL(true, true, false),
    /** Both BACKWARD and FORWARD against every earlier version. */
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** @return true if the new schema must read data of older ones */
    public boolean backward() {
        return backward;
    }

    /** @return true if older schemas must read data of the new one */
    public boolean forward() {
        return forward;
    }

    /** @return true if the check covers all earlier versions, not only the latest */
    public boolean transitive() {
        return transitive;
    }

    /**
     * Parses a level name, case-insensitively.
     *
     * @param text level name such as "backward" or "FULL_TRANSITIVE"
     * @return the level
     * @throws SchemaRegistryException 42203 if the name is unknown
     */
    public static CompatibilityLevel parse(String text) {
        if (text != null) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ignored) {
                // fall through
            }
        }
        throw SchemaRegistryException.invalidCompatibilityLevel(text);
    }
}
