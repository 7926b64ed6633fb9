package dev.baton.engine;

/**
 * Limits the engine enforces.
 *
 * @param maxVariablesBytes the largest the workflow variables may grow (as JSON); a SET_VARIABLE
 *                          that would exceed it fails with FAILED_WITH_TERMINAL_ERROR, as in
 *                          Conductor (whose default is 256 KB)
 * @param maxTasksPerStep   how many tasks one step may schedule before it stops and asks to be
 *                          continued ({@link dev.baton.engine.effect.Effect.Continue}): a long run
 *                          of system tasks (a loop of INLINE tasks, say) then goes on in slices,
 *                          and other workflows get their turn between them
 * @param payloads          the largest payloads accepted
 * @param retentionMillis   how long a finished instance is kept: the step that ends it sets its
 *                          retention timer for its end time plus this, and when that timer fires it is
 *                          removed (0: at the first timer scan after its end)
 * @param environment       the secrets and environment values definitions may name ({@link Environment})
 */
public record EngineSettings(
        long maxVariablesBytes,
        int maxTasksPerStep,
        PayloadLimits payloads,
        long retentionMillis,
        Environment environment) {

    public EngineSettings {
        environment = environment == null ? Environment.NONE : environment;
        if (maxTasksPerStep < 1) {
            throw new IllegalArgumentException("maxTasksPerStep must be at least 1");
        }
        if (retentionMillis < 0) {
            throw new IllegalArgumentException("retentionMillis must not be negative: " + retentionMillis);
        }
    }

    /** The given limits, the default retention, no secrets or environment values. */
    public EngineSettings(long maxVariablesBytes, int maxTasksPerStep, PayloadLimits payloads) {
        this(maxVariablesBytes, maxTasksPerStep, payloads, DEFAULT_RETENTION_MILLIS, Environment.NONE);
    }

    /** The given variables limit and step budget, default payload limits and retention. */
    public EngineSettings(long maxVariablesBytes, int maxTasksPerStep) {
        this(maxVariablesBytes, maxTasksPerStep, PayloadLimits.defaults());
    }

    /** The given variables limit, the default step budget, payload limits and retention. */
    public EngineSettings(long maxVariablesBytes) {
        this(maxVariablesBytes, DEFAULT_MAX_TASKS_PER_STEP);
    }

    public static final int DEFAULT_MAX_TASKS_PER_STEP = 100;

    /** Finished instances are kept 7 days unless told otherwise (the runtime's {@code baton.retention-finished-ms}). */
    public static final long DEFAULT_RETENTION_MILLIS = 7L * 24 * 3600 * 1000;

    public static EngineSettings defaults() {
        return new EngineSettings(256 * 1024);
    }

    /** These settings with another retention. */
    public EngineSettings withRetentionMillis(long millis) {
        return new EngineSettings(maxVariablesBytes, maxTasksPerStep, payloads, millis, environment);
    }

    /** These settings with the secrets and environment values the definitions may name. */
    public EngineSettings withEnvironment(Environment values) {
        return new EngineSettings(maxVariablesBytes, maxTasksPerStep, payloads, retentionMillis, values);
    }
}
