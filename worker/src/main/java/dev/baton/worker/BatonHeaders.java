package dev.baton.worker;

/**
 * The header and topic names of the service protocol, kept here for services written against earlier versions of the
 * worker library.
 *
 * @deprecated the names live with the protocol: use {@link dev.baton.protocol.BatonHeaders}.
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public final class BatonHeaders {

    public static final String PREFIX = dev.baton.protocol.BatonHeaders.PREFIX;
    public static final String WORKFLOW_ID = dev.baton.protocol.BatonHeaders.WORKFLOW_ID;
    public static final String TASK_ID = dev.baton.protocol.BatonHeaders.TASK_ID;
    public static final String TASK_REF = dev.baton.protocol.BatonHeaders.TASK_REF;
    public static final String TASK_TYPE = dev.baton.protocol.BatonHeaders.TASK_TYPE;
    public static final String ATTEMPT = dev.baton.protocol.BatonHeaders.ATTEMPT;
    public static final String REPLY_TO = dev.baton.protocol.BatonHeaders.REPLY_TO;
    public static final String CORRELATION_ID = dev.baton.protocol.BatonHeaders.CORRELATION_ID;
    public static final String DOMAIN = dev.baton.protocol.BatonHeaders.DOMAIN;
    public static final String TRACEPARENT = dev.baton.protocol.BatonHeaders.TRACEPARENT;
    public static final String TRACESTATE = dev.baton.protocol.BatonHeaders.TRACESTATE;
    public static final String STATUS = dev.baton.protocol.BatonHeaders.STATUS;
    public static final String REASON = dev.baton.protocol.BatonHeaders.REASON;
    public static final String CALLBACK_AFTER_SECONDS = dev.baton.protocol.BatonHeaders.CALLBACK_AFTER_SECONDS;
    public static final String DEFAULT_REPLY_TOPIC = dev.baton.protocol.BatonHeaders.DEFAULT_REPLY_TOPIC;
    public static final String COMMAND_TOPIC_SUFFIX = dev.baton.protocol.BatonHeaders.COMMAND_TOPIC_SUFFIX;

    private BatonHeaders() {}

    /** The default command topic of a task type. */
    public static String commandTopic(String taskType) {
        return dev.baton.protocol.BatonHeaders.commandTopic(taskType);
    }
}
