package dev.baton.engine.property;

import dev.baton.engine.input.EngineInput.ReplyStatus;

/**
 * One abstract event of a generated run. Picks are taken modulo the candidates the instance has
 * when the action runs (so a sequence stays meaningful while it shrinks); an action with no
 * candidate does nothing.
 */
sealed interface Action {

    /** The worker of one dispatched, unfinished task replies for its current attempt. */
    record Reply(int pick, ReplyStatus status) implements Action {}

    /** A worker takes one dispatched, unfinished task (SCHEDULED becomes IN_PROGRESS). */
    record Poll(int pick) implements Action {}

    /** A reply (or timer) that no longer applies. */
    record Stale(StaleKind kind, int pick) implements Action {}

    /** The clock moves on; every timer due by then fires, earliest first. */
    record Advance(int seconds) implements Action {}

    record Pause() implements Action {}

    record Resume() implements Action {}

    record Terminate() implements Action {}

    /** Kinds of stale input. */
    enum StaleKind {
        /** A reply naming a task id the workflow never had. */
        UNKNOWN_TASK,
        /** A late reply for an attempt that has ended (failed and retried, completed, canceled). */
        FINISHED_TASK,
        /** A reply naming an open task but another attempt number. */
        WRONG_ATTEMPT,
        /** A reply for a retry attempt still held back by its delay timer. */
        NOT_DISPATCHED,
        /** A timer id the workflow does not have (cancelled or already fired). */
        UNKNOWN_TIMER
    }
}
