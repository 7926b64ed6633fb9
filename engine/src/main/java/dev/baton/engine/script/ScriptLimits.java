package dev.baton.engine.script;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of one evaluation. The defaults ({@link #defaults()}) suit workflow expressions: a
 * condition or a small transformation, not a batch job.
 *
 * @param timeout           wall time of one evaluation, including input and result conversion;
 *                          exceeding it fails with "script exceeded N ms"
 * @param maxInstructions   deterministic work budget: interpreter instructions plus an estimate of
 *                          the work of built-in functions (1 unit per 8 elements or characters)
 * @param maxAllocatedBytes bytes the evaluating thread may allocate during one evaluation (checked
 *                          periodically; ignored where the JVM cannot measure it)
 * @param maxStringLength   longest string a script or jq program may build, in characters
 * @param maxArrayLength    longest array a script may build or iterate
 * @param maxResultSize     size of the result, in characters of its JSON text (approximately)
 * @param maxDepth          nesting depth of input and result values
 * @param maxStackDepth     JavaScript call depth
 * @param maxScriptLength   longest accepted source, in characters
 * @param cacheSize         compiled programs kept per evaluator
 */
public record ScriptLimits(
        Duration timeout,
        long maxInstructions,
        long maxAllocatedBytes,
        int maxStringLength,
        int maxArrayLength,
        int maxResultSize,
        int maxDepth,
        int maxStackDepth,
        int maxScriptLength,
        int cacheSize) {

    public ScriptLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        positive(maxInstructions, "maxInstructions");
        positive(maxAllocatedBytes, "maxAllocatedBytes");
        positive(maxStringLength, "maxStringLength");
        positive(maxArrayLength, "maxArrayLength");
        positive(maxResultSize, "maxResultSize");
        positive(maxDepth, "maxDepth");
        positive(maxStackDepth, "maxStackDepth");
        positive(maxScriptLength, "maxScriptLength");
        positive(cacheSize, "cacheSize");
    }

    /**
     * 100 ms, 100 million instructions (time is the limit that normally applies first; lower this
     * for outcomes that do not depend on machine speed), 64 MiB allocated, strings of 1 Mi
     * characters, arrays of 1 M elements, results of 4 Mi characters, depth 256, 1000 nested calls,
     * 100 000-character sources, 1000 cached programs.
     */
    public static ScriptLimits defaults() {
        return new ScriptLimits(
                Duration.ofMillis(100), 100_000_000L, 64L << 20, 1 << 20, 1_000_000, 4 << 20, 256, 1000, 100_000, 1000);
    }

    public ScriptLimits withTimeout(Duration value) {
        return new ScriptLimits(
                value,
                maxInstructions,
                maxAllocatedBytes,
                maxStringLength,
                maxArrayLength,
                maxResultSize,
                maxDepth,
                maxStackDepth,
                maxScriptLength,
                cacheSize);
    }

    public ScriptLimits withMaxInstructions(long value) {
        return new ScriptLimits(
                timeout,
                value,
                maxAllocatedBytes,
                maxStringLength,
                maxArrayLength,
                maxResultSize,
                maxDepth,
                maxStackDepth,
                maxScriptLength,
                cacheSize);
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
