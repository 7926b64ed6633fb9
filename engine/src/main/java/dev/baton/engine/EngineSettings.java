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
 */
public record EngineSettings(long maxVariablesBytes, int maxTasksPerStep, PayloadLimits payloads) {

    public EngineSettings {
        if (maxTasksPerStep < 1) {
            throw new IllegalArgumentException("maxTasksPerStep must be at least 1");
        }
    }

    /** The given variables limit and step budget, default payload limits. */
    public EngineSettings(long maxVariablesBytes, int maxTasksPerStep) {
        this(maxVariablesBytes, maxTasksPerStep, PayloadLimits.defaults());
    }

    /** The given variables limit, the default step budget and payload limits. */
    public EngineSettings(long maxVariablesBytes) {
        this(maxVariablesBytes, DEFAULT_MAX_TASKS_PER_STEP);
    }

    public static final int DEFAULT_MAX_TASKS_PER_STEP = 100;

    public static EngineSettings defaults() {
        return new EngineSettings(256 * 1024);
    }
}
