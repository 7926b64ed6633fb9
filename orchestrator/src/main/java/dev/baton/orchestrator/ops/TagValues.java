package dev.baton.orchestrator.ops;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the values of one metric tag: the first {@code max} distinct values are kept, later
 * ones become {@link #OTHER}, so that clients starting workflows with ever new names (inline
 * definitions) cannot grow the number of time series without limit.
 */
final class TagValues {
    static final String OTHER = "_other";
    static final String NONE = "_none";

    private final int max;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    TagValues(int max) {
        this.max = max;
    }

    String of(String value) {
        if (value == null || value.isEmpty()) {
            return NONE;
        }
        if (seen.contains(value)) {
            return value;
        }
        if (seen.size() >= max) {
            return OTHER;
        }
        seen.add(value);
        return value;
    }
}
