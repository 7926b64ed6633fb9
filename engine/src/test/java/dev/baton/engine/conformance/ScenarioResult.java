package dev.baton.engine.conformance;

import java.util.List;

/**
 * The outcome of one scenario. It passes when every {@code expect} check held and every step
 * could be carried out; {@code expectInferred} checks are counted apart and never decide it.
 *
 * @param failures         failed {@code expect} checks and step errors, in the order met
 * @param expectBlocks     expectation blocks evaluated (each {@code Expectation} object counts once)
 * @param inferredBlocks   {@code expectInferred} blocks evaluated
 * @param inferredFailed   {@code expectInferred} blocks with at least one failed check
 * @param inferredFailures failed {@code expectInferred} checks
 * @param notes            what the runtime met on the way (engine rejections, waits), for diagnosis
 * @param unsupported      step kinds or settings the harness or engine API cannot carry out
 * @param trace            every input, effect and task list, when tracing was asked for; else null
 */
record ScenarioResult(
        String id,
        String workflow,
        boolean inferredScenario,
        List<Failure> failures,
        int expectBlocks,
        int inferredBlocks,
        int inferredFailed,
        List<Failure> inferredFailures,
        List<String> notes,
        List<String> unsupported,
        long millis,
        String trace) {

    /** One failed check or step: where (step index and kind, "setup" or "final") and what. */
    record Failure(String where, String message) {
        @Override
        public String toString() {
            return where + ": " + message;
        }
    }

    boolean passed() {
        return failures.isEmpty();
    }

    /** The first failure as one line, or null when the scenario passed. */
    String firstFailure() {
        return failures.isEmpty() ? null : failures.get(0).toString();
    }
}
