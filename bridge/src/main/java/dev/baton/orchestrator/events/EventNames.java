package dev.baton.orchestrator.events;

import dev.baton.orchestrator.kafka.Topics;
import dev.baton.orchestrator.runtime.ProtocolHeaders;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Headers;

/**
 * How handler events map to Kafka topics, and which events a record stands for.
 *
 * <ul>
 *   <li>{@code kafka:<topic>}: every record of that topic (the payload is its JSON value).</li>
 *   <li>{@code conductor:<workflowName>:<taskRef or queue>}: records of Baton's EVENT tasks with
 *       the sink {@code conductor} (topic {@code baton.event.conductor}) or {@code conductor:<queue>}
 *       (topic {@code baton.event.conductor.<queue>}), matched by their {@value #EVENT_HEADER} header.</li>
 *   <li>any other {@code <type>:<name>}: records of EVENT tasks with that sink, on
 *       {@code baton.event.<type>.<name>}, matched by the same header.</li>
 * </ul>
 */
public final class EventNames {
    /** Header an EVENT task's record carries: the Conductor event name it produced. */
    public static final String EVENT_HEADER = "baton-event";

    static final String KAFKA = "kafka:";
    static final String CONDUCTOR = "conductor:";
    private static final String EVENT_TOPICS = "baton.event.";
    private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private EventNames() {}

    /** The regular expression (over topic names) of the topics a handler's event is read from. */
    public static String topicRegex(String event) {
        if (event.startsWith(KAFKA)) {
            return Pattern.quote(event.substring(KAFKA.length()));
        }
        if (event.startsWith(CONDUCTOR)) {
            return Pattern.quote(Topics.CONDUCTOR_EVENTS) + "(\\..+)?";
        }
        return Pattern.quote(EVENT_TOPICS + event.replace(':', '.'));
    }

    /** The topics an event is read from, in words: a topic name, or a pattern of topic names. */
    public static String topicsOf(String event) {
        if (event.startsWith(KAFKA)) {
            return event.substring(KAFKA.length());
        }
        if (event.startsWith(CONDUCTOR)) {
            return Topics.CONDUCTOR_EVENTS + ", " + Topics.CONDUCTOR_EVENTS + ".*";
        }
        return EVENT_TOPICS + event.replace(':', '.');
    }

    /** The topic a {@code kafka:} event names, or null for other events. */
    public static String kafkaTopic(String event) {
        return event.startsWith(KAFKA) ? event.substring(KAFKA.length()) : null;
    }

    /** The event names a record of {@code topic} stands for: {@code kafka:<topic>}, and its EVENT header if it has one. */
    public static Set<String> of(String topic, Headers headers) {
        Set<String> names = new LinkedHashSet<>(2);
        names.add(KAFKA + topic);
        if (topic.startsWith(EVENT_TOPICS)) {
            String header = ProtocolHeaders.get(headers, EVENT_HEADER);
            if (header != null && !header.isBlank()) {
                names.add(header);
            }
        }
        return names;
    }

    /** Why an event name cannot be listened to, or null when it can. */
    public static String problem(String event) {
        int colon = event.indexOf(':');
        if (colon <= 0 || colon == event.length() - 1) {
            return "must be <type>:<name>, e.g. kafka:<topic> or conductor:<workflowName>:<taskRefName>";
        }
        if (event.startsWith(KAFKA)) {
            String topic = event.substring(KAFKA.length());
            return legalTopic(topic) ? null : "'" + topic + "' is not a legal Kafka topic name";
        }
        if (event.startsWith(CONDUCTOR)) {
            return event.chars().anyMatch(Character::isWhitespace) ? "must not contain whitespace" : null;
        }
        String topic = EVENT_TOPICS + event.replace(':', '.');
        return legalTopic(topic) ? null : "is read from topic '" + topic + "', which is not a legal Kafka topic name";
    }

    private static boolean legalTopic(String topic) {
        return LEGAL_TOPIC.matcher(topic).matches() && !topic.equals(".") && !topic.equals("..");
    }
}
