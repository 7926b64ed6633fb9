package dev.baton.orchestrator.kafka;

/** Names of Baton's own topics and state stores. */
public final class Topics {
    public static final String COMMANDS = "baton.commands";
    public static final String REPLIES = "baton.replies";
    public static final String EVENTS = "baton.events";
    public static final String STATE = "baton.state";
    /** Every task of every instance, keyed by task id (TaskSnapshot); compacted. */
    public static final String TASKS = "baton.tasks";

    public static final String DLQ = "baton.dlq";
    public static final String DEFINITIONS = "baton.definitions";
    /** Commands of HTTP tasks, served by the built-in HTTP worker. */
    public static final String HTTP_COMMANDS = "baton.http.commands";
    /** Event handlers (Conductor's /api/event), keyed by handler name; compacted. */
    public static final String EVENT_HANDLERS = "baton.event-handlers";
    /** Records of EVENT tasks with the sink {@code conductor}, read by event handlers. */
    public static final String CONDUCTOR_EVENTS = "baton.event.conductor";
    /** Bridge: domain events mapped to workflow actions, and BIND / UNBIND notices; keyed by {@code <workflowName>|<businessKey>}. */
    public static final String BRIDGE = "baton.bridge";
    /** Bridge: domain events that could not be applied (original bytes and headers, plus {@code baton-dlq-reason}). */
    public static final String BRIDGE_PARKED = "baton.bridge.parked";

    /**
     * Commands of tasks whose definition limits them, held until the limits allow, and the ends that
     * free their slots; keyed by the task definition name.
     */
    public static final String LIMITER = "baton.limiter";
    /** Poll activity per task type and domain (Conductor's poll data); compacted. */
    public static final String POLLERS = dev.baton.worker.PollerRecords.TOPIC;

    /** Instance headers alone, by workflow id: what searches read. */
    public static final String WORKFLOW_STORE = "baton-workflows";
    /** Everything of each instance under its workflow id: header, tasks, loop passes, document chunks. */
    public static final String INSTANCE_STORE = "baton-instances";

    public static final String TIMER_STORE = "baton-timers";
    public static final String DEFINITION_STORE = "baton-definitions";
    /** The limiter's counters and held commands, by task definition name. */
    public static final String LIMITER_STORE = "baton-limiter";
    /** Global store of {@link #POLLERS}. */
    public static final String POLLER_STORE = "baton-pollers";
    /** Bridge: {@code <workflowName>|<businessKey>} to workflow id (the correlation index). */
    public static final String CORRELATION_STORE = "baton-correlations";
    /** Bridge: events waiting for their instance, in arrival order, with an expiry index. */
    public static final String BRIDGE_BUFFER_STORE = "baton-bridge-buffer";

    private Topics() {}
}
