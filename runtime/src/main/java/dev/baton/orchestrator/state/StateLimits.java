package dev.baton.orchestrator.state;

/**
 * How documents are kept in the state stores.
 *
 * @param inlineBytes a document up to this size (as JSON) stays inside its record; a larger one is
 *                    stored out of line in chunks, so that no record grows with its payloads
 * @param chunkBytes  the size of one chunk of an out-of-line document
 */
public record StateLimits(int inlineBytes, int chunkBytes) {
    public static StateLimits defaults() {
        return new StateLimits(8 * 1024, 32 * 1024);
    }
}
