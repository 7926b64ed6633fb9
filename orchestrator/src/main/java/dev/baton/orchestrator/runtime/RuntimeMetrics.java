package dev.baton.orchestrator.runtime;

import dev.baton.engine.model.WorkflowInstance;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the runtime (exported as metrics by the API layer). */
public final class RuntimeMetrics {
    private final LongAdder started = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder transitions = new LongAdder();
    private final LongAdder expired = new LongAdder();

    void started(String workflowName) {
        started.increment();
    }

    void transition(WorkflowInstance wf) {
        transitions.increment();
        if (wf.isTerminal() && wf.endTime == wf.updateTime) {
            switch (wf.status) {
                case COMPLETED -> completed.increment();
                case FAILED, TIMED_OUT, TERMINATED -> failed.increment();
                default -> { }
            }
        }
    }

    void expired() {
        expired.increment();
    }

    public long expiredCount() {
        return expired.sum();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    public long started() { return started.sum(); }
    public long completed() { return completed.sum(); }
    public long failed() { return failed.sum(); }
    public long deadLetteredCount() { return deadLettered.sum(); }
    public long transitions() { return transitions.sum(); }
}
