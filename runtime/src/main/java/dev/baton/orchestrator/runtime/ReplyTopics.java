package dev.baton.orchestrator.runtime;

import java.util.regex.Pattern;

/**
 * Where replies come from: the shared reply topic, and optionally every topic matching a pattern
 * (per-service reply topics such as {@code payments.replies}). The topology subscribes to both;
 * a task whose definition names a reply topic the pattern does not cover is refused at dispatch,
 * since its replies would never be read.
 */
public record ReplyTopics(String shared, Pattern pattern) {

    public static ReplyTopics of(String shared, String pattern) {
        return new ReplyTopics(shared, pattern == null || pattern.isBlank() ? null : Pattern.compile(pattern));
    }

    public boolean accepts(String topic) {
        return shared.equals(topic)
                || (pattern != null && pattern.matcher(topic).matches());
    }

    /** The source subscription: the shared topic, or it and the pattern. */
    Pattern subscription() {
        return Pattern.compile(Pattern.quote(shared) + (pattern == null ? "" : "|(?:" + pattern.pattern() + ")"));
    }
}
