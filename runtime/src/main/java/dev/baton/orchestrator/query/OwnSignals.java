package dev.baton.orchestrator.query;

import dev.baton.engine.model.WorkflowInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Signals this node has sent to workflows and not yet seen applied. A worker's poll, for one, answers once Kafka holds
 * its {@code POLLED} record, a moment before the stream thread applies it; Conductor stores the task IN_PROGRESS
 * before the poll returns. Each signal comes with a condition on the instance that holds once it is applied, and
 * {@link RoutedInstanceQueries#find} waits (briefly) for the conditions of the workflow it reads, so that whoever
 * reads after their own call sees its effect. A condition is forgotten once a read saw it hold, or after
 * {@link #LIFETIME_NANOS} in any case: a signal not applied by then is waited for no more.
 */
final class OwnSignals {
    /** How long a sent signal is waited for by reads at most, counted from when it was sent. */
    static final long LIFETIME_NANOS = 5_000_000_000L;

    private static final int SWEEP_EVERY = 1_024;
    private static final int MAX_WORKFLOWS = 100_000;

    private record Pending(Predicate<WorkflowInstance> applied, long untilNanos) {
        boolean expired(long now) {
            return untilNanos - now < 0;
        }
    }

    private final Map<String, List<Pending>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger sinceSweep = new AtomicInteger();

    /** This node has sent a signal to the workflow; {@code applied} holds on its instance once the signal is applied. */
    void sent(String workflowId, Predicate<WorkflowInstance> applied, long nowNanos) {
        if (sinceSweep.incrementAndGet() >= SWEEP_EVERY || pending.size() >= MAX_WORKFLOWS) {
            sinceSweep.set(0);
            sweep(nowNanos);
            if (pending.size() >= MAX_WORKFLOWS) {
                return; // a flood nobody reads: reads of these workflows do not wait
            }
        }
        Pending p = new Pending(applied, nowNanos + LIFETIME_NANOS);
        pending.merge(workflowId, List.of(p), (old, added) -> {
            List<Pending> both = new ArrayList<>(old.size() + 1);
            old.stream().filter(o -> !o.expired(nowNanos)).forEach(both::add);
            both.addAll(added);
            return List.copyOf(both);
        });
    }

    /**
     * What a read of the workflow waits for: a condition that holds once every signal this node sent it is applied
     * (tested on the instance), with how long to wait for it at most; null when nothing is pending.
     */
    Wait pending(String workflowId, long nowNanos) {
        List<Pending> list = pending.get(workflowId);
        if (list == null) {
            return null;
        }
        List<Pending> live = list.stream().filter(p -> !p.expired(nowNanos)).toList();
        if (live.isEmpty()) {
            pending.remove(workflowId, list);
            return null;
        }
        long until = live.stream().mapToLong(Pending::untilNanos).max().orElse(nowNanos);
        Predicate<WorkflowInstance> all = wf -> live.stream().allMatch(p -> holds(p, wf));
        return new Wait(all, until);
    }

    /** A read saw the workflow as {@code wf}: the signals whose condition holds on it need not be waited for again. */
    void seen(String workflowId, WorkflowInstance wf) {
        pending.computeIfPresent(workflowId, (id, list) -> {
            List<Pending> left = list.stream().filter(p -> !holds(p, wf)).toList();
            return left.isEmpty() ? null : left;
        });
    }

    /** The workflow is gone: nothing of it is waited for. */
    void forget(String workflowId) {
        pending.remove(workflowId);
    }

    /** Workflows with signals pending (for tests). */
    int size() {
        return pending.size();
    }

    private void sweep(long nowNanos) {
        pending.replaceAll(
                (id, list) -> list.stream().filter(p -> !p.expired(nowNanos)).toList());
        pending.values().removeIf(List::isEmpty);
    }

    private static boolean holds(Pending p, WorkflowInstance wf) {
        try {
            return p.applied().test(wf);
        } catch (RuntimeException e) {
            return true; // a condition that cannot be tested is not waited for
        }
    }

    /** A read's wait: until {@code applied} holds on the instance, or {@code untilNanos} at the latest. */
    record Wait(Predicate<WorkflowInstance> applied, long untilNanos) {}
}
