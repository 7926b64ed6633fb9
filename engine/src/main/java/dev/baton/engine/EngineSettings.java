package dev.baton.engine;

/**
 * Limits the engine enforces.
 *
 * @param maxVariablesBytes the largest the workflow variables may grow (as JSON); a SET_VARIABLE
 *                          that would exceed it fails with FAILED_WITH_TERMINAL_ERROR, as in
 *                          Conductor (whose default is 256 KB)
 */
public record EngineSettings(long maxVariablesBytes) {

    public static EngineSettings defaults() {
        return new EngineSettings(256 * 1024);
    }
}
