package dev.baton.orchestrator.state;

/**
 * How documents and tasks are kept in the state stores.
 *
 * @param inlineBytes     a document up to this size (as JSON) stays inside its record; a larger one is
 *                        stored out of line in chunks, so that no record grows with its payloads
 * @param chunkBytes      the size of one chunk of an out-of-line document
 * @param headerTaskBytes the newest tasks ride along in the instance's header while their records
 *                        together take no more than this; older ones are entries of their own
 * @param headerTasks     and while they are no more than this many
 */
public record StateLimits(int inlineBytes, int chunkBytes, int headerTaskBytes, int headerTasks) {
    public static final int DEFAULT_HEADER_TASK_BYTES = 4 * 1024;
    public static final int DEFAULT_HEADER_TASKS = 8;

    public StateLimits(int inlineBytes, int chunkBytes) {
        this(inlineBytes, chunkBytes, DEFAULT_HEADER_TASK_BYTES, DEFAULT_HEADER_TASKS);
    }

    public static StateLimits defaults() {
        return new StateLimits(8 * 1024, 32 * 1024);
    }
}
