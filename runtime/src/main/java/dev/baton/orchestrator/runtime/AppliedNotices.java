package dev.baton.orchestrator.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the API's waits on this node that a step of a workflow has been applied to the stores, so that a start or a
 * worker's update answers as soon as the workflow shows it instead of on the next tick of a polling back-off. The
 * stream thread pays a map lookup per step when nothing waits. A watch only wakes its waiter early: the waiter still
 * reads the instance to decide, and a watch on a workflow another node owns simply times out like a pause.
 */
public final class AppliedNotices {

    private final ConcurrentHashMap<String, Set<Watcher>> watched = new ConcurrentHashMap<>();

    /** The stream thread has applied a step of this workflow. */
    public void applied(String workflowId) {
        if (watched.isEmpty()) {
            return;
        }
        Set<Watcher> waiting = watched.get(workflowId);
        if (waiting != null) {
            waiting.forEach(Watcher::signal);
        }
    }

    /** Starts watching this workflow; close the watch when done. */
    public Watch watch(String workflowId) {
        Watcher w = new Watcher(workflowId);
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
         * Returns after {@code maxMs}, or earlier once a step of the workflow was applied since the last call; tells
         * which.
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
        private boolean signalled;

        Watcher(String workflowId) {
            this.workflowId = workflowId;
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
