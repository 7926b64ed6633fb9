package dev.baton.worker;

import java.util.regex.Pattern;

/**
 * How Conductor's task domains map onto Kafka: the commands of a task in domain {@code d} go to
 * {@code <d>.<commandTopic>} (e.g. {@code canary.reserve_seat.commands}) instead of the task type's
 * command topic, and are read there by the workers (Kafka or HTTP) that serve that domain. A domain
 * name must be usable in a topic name: letters, digits, {@code .}, {@code _} and {@code -}.
 */
public final class TaskDomains {
    /** Kafka's longest topic name. */
    private static final int MAX_TOPIC_LENGTH = 249;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private TaskDomains() {}

    /** The topic a domain's commands go to; the command topic itself when {@code domain} is null or blank. */
    public static String topic(String domain, String commandTopic) {
        return domain == null || domain.isBlank() ? commandTopic : domain + "." + commandTopic;
    }

    /** Why a domain name cannot be used for the given command topic, or null when it can. */
    public static String problem(String domain, String commandTopic) {
        if (domain == null || domain.isBlank()) {
            return "a domain name must not be blank";
        }
        if (!NAME.matcher(domain).matches()) {
            return "a domain name may hold only letters, digits, '.', '_' and '-' (it becomes part of a Kafka topic name)";
        }
        if (domain.equals(".") || domain.equals("..")) {
            return "a domain name must not be '.' or '..'";
        }
        if (topic(domain, commandTopic).length() > MAX_TOPIC_LENGTH) {
            return "the domain's topic " + topic(domain, commandTopic) + " would be longer than " + MAX_TOPIC_LENGTH
                    + " characters";
        }
        return null;
    }
}
