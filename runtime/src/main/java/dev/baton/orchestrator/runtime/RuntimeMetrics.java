package dev.baton.orchestrator.runtime;

import dev.baton.engine.RejectedInputException;
import dev.baton.engine.Transition;
import dev.baton.engine.effect.Effect;
import dev.baton.engine.effect.EventType;
import dev.baton.engine.model.TaskState;
import dev.baton.engine.model.TaskStatus;
import dev.baton.engine.model.WorkflowInstance;
import dev.baton.engine.model.WorkflowStatus;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the runtime observes, as plain counters (read by tests and tools) and as calls on a
 * {@link Listener} (the operations layer turns those into Prometheus metrics). The processor
 * reports each engine step; this class works out which workflows and tasks just ended.
 */
public final class RuntimeMetrics {
    private static final Set<EventType> TASK_ENDINGS = EnumSet.of(
            EventType.TASK_COMPLETED,
            EventType.TASK_FAILED,
            EventType.TASK_TIMED_OUT,
            EventType.TASK_CANCELED,
            EventType.TASK_SKIPPED);
    private static final Set<EventType> WORKFLOW_ENDINGS = EnumSet.of(
            EventType.WORKFLOW_COMPLETED,
            EventType.WORKFLOW_FAILED,
            EventType.WORKFLOW_TIMED_OUT,
            EventType.WORKFLOW_TERMINATED);

    /** Receives the runtime's observations, on stream threads: implementations must be fast and thread-safe. */
    public interface Listener {
        /** A START command created an instance of this workflow. */
        default void workflowStarted(String workflowName) {}

        /** An instance reached a terminal status in this step. */
        default void workflowFinished(String workflowName, WorkflowStatus status) {}

        /** A task reached a terminal status; {@code latencyMillis} runs from its scheduling to its end. */
        default void taskFinished(String taskType, TaskStatus status, long latencyMillis) {}

        /** A record from {@code sourceTopic} went to the DLQ; {@code reasonKind} is one of a few fixed words. */
        default void deadLettered(String sourceTopic, String reasonKind) {}

        /** A workflow was failed because one of its steps could not be carried out. */
        default void internalFailure() {}

        /** A step wrote this many store entries and bytes. */
        default void stored(int entries, long bytes) {}

        /** A finished instance's retention ended and it was removed. */
        default void expired() {}

        /** A step of this workflow ran longer than its expected duration (bridge SLA). */
        default void slaBreached(String workflowName, String step) {}
    }

    /** Reason kinds of dead-lettered records (a small fixed set, safe as a metric tag). */
    public static final String POISON = "poison";

    public static final String REJECTED = "rejected";
    public static final String ERROR = "error";

    private static final Listener NONE = new Listener() {};

    private final ServedPartitions served = new ServedPartitions();
    private final LongAdder started = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder transitions = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder tasksFinished = new LongAdder();
    private final LongAdder slaBreaches = new LongAdder();
    private final LongAdder storeWrites = new LongAdder();
    private final LongAdder storeBytes = new LongAdder();
    private final LongAdder recordBytes = new LongAdder();
    private final LongAdder internalFailures = new LongAdder();
    private volatile Listener listener = NONE;

    /** Sends every later observation to {@code listener} as well (replaces any earlier one). */
    public void listen(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    void started(String workflowName) {
        started.increment();
        listener.workflowStarted(workflowName);
    }

    /** One engine step was committed: counts the workflow and the tasks that ended in it. */
    void transition(Transition t) {
        transitions.increment();
        WorkflowInstance wf = t.instance();
        Listener l = listener;
        boolean workflowEnded = false;
        Set<String> endedTasks = null;
        for (Effect e : t.effects()) {
            if (!(e instanceof Effect.HistoryEvent h)) {
                continue;
            }
            if (h.type() == dev.baton.engine.effect.EventType.SLA_BREACHED) {
                slaBreaches.increment();
                l.slaBreached(wf.workflowName, h.taskRef());
            }
            if (h.taskId() == null) {
                workflowEnded |= WORKFLOW_ENDINGS.contains(h.type());
            } else if (TASK_ENDINGS.contains(h.type())) {
                if (endedTasks == null) {
                    endedTasks = new java.util.HashSet<>(4);
                }
                endedTasks.add(h.taskId());
            }
        }
        if (endedTasks != null) {
            for (String taskId : endedTasks) {
                TaskState task = wf.index().byId(taskId);
                // An alert-only timeout reports TASK_TIMED_OUT on a task that keeps running: not an end.
                if (task != null && task.status.isTerminal()) {
                    tasksFinished.increment();
                    l.taskFinished(task.conductorType(), task.status, Math.max(0, task.endTime - task.scheduledTime));
                }
            }
        }
        // An alert-only workflow timeout reports WORKFLOW_TIMED_OUT on a workflow that keeps running.
        if (workflowEnded && wf.isTerminal()) {
            switch (wf.status) {
                case COMPLETED -> completed.increment();
                case FAILED, TIMED_OUT, TERMINATED -> failed.increment();
                default -> {}
            }
            l.workflowFinished(wf.workflowName, wf.status);
        }
    }

    /** A step's store writes (entries and bytes). */
    void stored(int entries, long bytes) {
        storeWrites.add(entries);
        storeBytes.add(bytes);
        listener.stored(entries, bytes);
    }

    /** A step's records to topics (commands, events, snapshots): their value bytes. */
    void written(long bytes) {
        recordBytes.add(bytes);
    }

    /** Value bytes of every record the steps wrote to topics (changelogs not included: see {@link #storeBytes()}). */
    public long recordBytes() {
        return recordBytes.sum();
    }

    /** A workflow was failed because one of its steps could not be carried out. */
    void internalFailure() {
        internalFailures.increment();
        listener.internalFailure();
    }

    public long storeWrites() {
        return storeWrites.sum();
    }

    public long storeBytes() {
        return storeBytes.sum();
    }

    public long internalFailures() {
        return internalFailures.sum();
    }

    void expired() {
        expired.increment();
        listener.expired();
    }

    void deadLettered(String sourceTopic, Throwable error) {
        deadLettered.increment();
        listener.deadLettered(sourceTopic, reasonKind(error));
    }

    /** The reason kind of a dead-lettered record, from what stopped it. */
    static String reasonKind(Throwable error) {
        if (error instanceof PoisonRecordException) {
            return POISON;
        }
        return error instanceof RejectedInputException ? REJECTED : ERROR;
    }

    public long expiredCount() {
        return expired.sum();
    }

    public long started() {
        return started.sum();
    }

    public long completed() {
        return completed.sum();
    }
    /** Workflows that ended FAILED, TIMED_OUT or TERMINATED. */
    public long failed() {
        return failed.sum();
    }

    public long deadLetteredCount() {
        return deadLettered.sum();
    }

    public long transitions() {
        return transitions.sum();
    }

    public long tasksFinished() {
        return tasksFinished.sum();
    }
    /** Steps that outlived their expected duration (SLA_BREACHED events). */
    public long slaBreaches() {
        return slaBreaches.sum();
    }

    /** The instance-store partitions this node serves (restored and processing); reported by the workflow processor. */
    public ServedPartitions served() {
        return served;
    }
}
