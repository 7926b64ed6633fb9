/**
 * Sandboxed evaluators for the engine's scripted system tasks: {@link dev.baton.engine.script.ScriptEvaluator}
 * (JavaScript for INLINE, LAMBDA, SWITCH with {@code evaluatorType} javascript/graaljs and DO_WHILE
 * loop conditions) and {@link dev.baton.engine.script.JqTransformer} (JSON_JQ_TRANSFORM).
 *
 * <p>Both are pure as far as the engine is concerned: no I/O, no host access, time taken from the
 * caller ({@code now}); their only clock use is the evaluation time limit enforced inside the
 * sandbox. Failures, including exceeded limits, surface as {@link dev.baton.engine.script.ScriptException}.
 */
package dev.baton.engine.script;
