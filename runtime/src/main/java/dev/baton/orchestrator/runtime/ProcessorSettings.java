package dev.baton.orchestrator.runtime;

import dev.baton.engine.EngineSettings;
import dev.baton.orchestrator.state.StateLimits;
import java.time.Duration;

/**
 * How the workflow processor runs.
 *
 * @param replyTopics    where replies come from
 * @param timerInterval  how often due timers are scanned
 * @param retention      how long a finished instance is kept (the engine's retention: it sets the timer)
 * @param engine         the engine's limits; its retention is {@code retention}
 * @param state          how documents are kept in the state stores
 * @param maxRecordBytes the largest record Baton writes to any topic (under the producer's max.request.size)
 * @param eagerCommitBelow records per second under which each record asks for a commit at once ({@link EagerCommits})
 */
public record ProcessorSettings(
        ReplyTopics replyTopics,
        Duration timerInterval,
        Duration retention,
        EngineSettings engine,
        StateLimits state,
        int maxRecordBytes,
        long eagerCommitBelow) {

    public ProcessorSettings {
        engine = engine.withRetentionMillis(retention.toMillis());
    }

    /** Defaults for everything but where replies come from and the timer and retention durations. */
    public static ProcessorSettings of(ReplyTopics replyTopics, Duration timerInterval, Duration retention) {
        return new ProcessorSettings(
                replyTopics,
                timerInterval,
                retention,
                EngineSettings.defaults(),
                StateLimits.defaults(),
                (int) EngineSettings.defaults().payloads().record(),
                0);
    }
}
