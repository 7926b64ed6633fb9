package dev.baton.protocol;

/**
 * Names of the Kafka record headers and topics of Baton's command/reply protocol with services.
 * Header values are UTF-8 strings.
 */
public final class BatonHeaders {

    /** Prefix shared by every Baton header. */
    public static final String PREFIX = "baton-";

    public static final String WORKFLOW_ID = "baton-workflow-id";
    public static final String TASK_ID = "baton-task-id";
    public static final String TASK_REF = "baton-task-ref";
    public static final String TASK_TYPE = "baton-task-type";
    public static final String ATTEMPT = "baton-attempt";
    public static final String REPLY_TO = "baton-reply-to";
    public static final String CORRELATION_ID = "baton-correlation-id";
    /** The Conductor task domain the command was routed to (absent: the default queue). */
    public static final String DOMAIN = "baton-domain";
    /** W3C trace context header. */
    public static final String TRACEPARENT = "traceparent";
    /** W3C trace state header (copied back with traceparent when present). */
    public static final String TRACESTATE = "tracestate";
    /** Reply status: COMPLETED | FAILED | FAILED_WITH_TERMINAL_ERROR | IN_PROGRESS. */
    public static final String STATUS = "baton-status";
    /** Failure reason of a FAILED reply. (Dead letters carry their own baton-dlq-reason.) */
    public static final String REASON = "baton-reason";
    /** Seconds after which an IN_PROGRESS task wants to be called again (IN_PROGRESS replies only). */
    public static final String CALLBACK_AFTER_SECONDS = "baton-callback-after-seconds";

    /** Shared default reply topic, used when a command has no {@link #REPLY_TO} header. */
    public static final String DEFAULT_REPLY_TOPIC = "baton.replies";

    /** Suffix of the default command topic of a task type: {@code <taskType>.commands}. */
    public static final String COMMAND_TOPIC_SUFFIX = ".commands";

    private BatonHeaders() {}

    /** The default command topic of a task type. */
    public static String commandTopic(String taskType) {
        return taskType + COMMAND_TOPIC_SUFFIX;
    }
}
