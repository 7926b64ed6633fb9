package dev.baton.orchestrator.runtime;

import dev.baton.engine.model.WorkflowInstance;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the API's waits on this node that a step of a workflow has been applied to the stores, so that a start or a
 * worker's update answers as soon as the workflow shows it instead of on the next tick of a polling back-off. The
 * stream thread pays a map lookup per step when nothing waits. A watch only wakes its waiter early: the waiter still
 * reads the instance to decide, and a watch on a workflow another node owns simply times out like a pause.
 *
 * <p>A watch can carry a condition on the instance ({@link #watch(String, Predicate)}): the stream thread tests it on
 * the instance it has just written and wakes the waiter only when it holds, so that the waiter need not read the
 * instance back at all. The condition runs on the stream thread: it must be cheap and must not keep the instance.
 */
public final class AppliedNotices {
    private static final Logger LOG = LoggerFactory.getLogger(AppliedNotices.class);

    private final ConcurrentHashMap<String, Set<Watcher>> watched = new ConcurrentHashMap<>();

    /** The stream thread has applied a step of this workflow; {@code wf} is the instance as now stored. */
    public void applied(WorkflowInstance wf) {
        if (watched.isEmpty()) {
            return;
        }
        Set<Watcher> waiting = watched.get(wf.workflowId);
        if (waiting != null) {
            waiting.forEach(w -> w.offer(wf));
        }
    }

    /** The workflow's instance was removed from the stores: wakes every watch of it, whatever its condition. */
    public void removed(String workflowId) {
        if (watched.isEmpty()) {
            return;
        }
        Set<Watcher> waiting = watched.get(workflowId);
        if (waiting != null) {
            waiting.forEach(Watcher::signal);
        }
    }

    /** Starts watching this workflow (woken by every step applied); close the watch when done. */
    public Watch watch(String workflowId) {
        return watch(workflowId, null);
    }

    /**
     * Starts watching this workflow, woken only by a step after which {@code until} holds (null: every step), or by its
     * removal; close the watch when done.
     */
    public Watch watch(String workflowId, Predicate<WorkflowInstance> until) {
        Watcher w = new Watcher(workflowId, until);
        watched.computeIfAbsent(workflowId, k -> ConcurrentHashMap.newKeySet()).add(w);
        return w;
    }

    /** Workflows watched now (for tests and metrics). */
    public int watchedCount() {
        return watched.size();
    }

    /** A wait between two reads of a workflow. */
    public interface Watch extends AutoCloseable {
        /**
         * Returns after {@code maxMs}, or earlier once a step of the workflow was applied (and the watch's condition
         * held after it) since the last call, or the workflow was removed; tells which.
         */
        boolean await(long maxMs) throws InterruptedException;

        @Override
        void close();

        /** No notices: a plain pause. */
        Watch PAUSE = new Watch() {
            @Override
            public boolean await(long maxMs) throws InterruptedException {
                Thread.sleep(Math.max(0, maxMs));
                return false;
            }

            @Override
            public void close() {}
        };
    }

    private final class Watcher implements Watch {
        private final String workflowId;
        private final Predicate<WorkflowInstance> until;
        private boolean signalled;

        Watcher(String workflowId, Predicate<WorkflowInstance> until) {
            this.workflowId = workflowId;
            this.until = until;
        }

        /** On the stream thread: wakes the waiter when the condition holds (or cannot be tested: the waiter reads). */
        void offer(WorkflowInstance wf) {
            boolean holds;
            try {
                holds = until == null || until.test(wf);
            } catch (RuntimeException e) {
                LOG.debug("The condition of a watch of workflow {} failed; waking its waiter", workflowId, e);
                holds = true;
            }
            if (holds) {
                signal();
            }
        }

        synchronized void signal() {
            signalled = true;
            notifyAll();
        }

        @Override
        public synchronized boolean await(long maxMs) throws InterruptedException {
            long deadline = System.nanoTime() + Math.max(0, maxMs) * 1_000_000L;
            while (!signalled) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    break;
                }
                wait(left);
            }
            boolean applied = signalled;
            signalled = false;
            return applied;
        }

        @Override
        public void close() {
            watched.computeIfPresent(workflowId, (k, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
        }
    }
}
