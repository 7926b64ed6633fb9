package dev.baton.registry.builtin;

import java.util.List;

/**
 * Outcome of a compatibility check.
 *
 * @param compatible true if the schema passes
 * @param messages why not, one line per incompatibility (empty when compatible)
 */
public record CompatibilityResult(boolean compatible, List<String> messages) {

    /** @param messages incompatibilities @return a result, compatible iff messages is empty */
    public static CompatibilityResult of(List<String> messages) {
        return new CompatibilityResult(messages.isEmpty(), List.copyOf(messages));
    }
}
