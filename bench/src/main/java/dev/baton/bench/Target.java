package dev.baton.bench;

/** Something that runs one instance of a workload per call: the orchestrator, or the choreographed chain. */
interface Target {
    /** Starts one instance under the given id (asynchronously). */
    void start(String id);

    /** Waits until the starts sent so far are acknowledged. */
    void flush();
}
