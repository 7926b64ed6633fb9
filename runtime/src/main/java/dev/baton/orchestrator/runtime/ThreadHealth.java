package dev.baton.orchestrator.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What the health probes need to know about the stream threads beyond the client's state: whether
 * every thread has been RUNNING lately, and how often threads died and were replaced. One thread
 * stuck in a loop of failure and replacement leaves the client RUNNING; this tells the truth.
 *
 * @param grace     how long threads may be other than RUNNING (a rebalance) before the node is not ready
 * @param window    the period over which thread replacements are counted
 * @param maxDeaths replacements within the window after which the node is neither ready nor alive
 */
public final class ThreadHealth {
    private final long graceMillis;
    private final long windowMillis;
    private final int maxDeaths;
    private final LongSupplier clock;
    private final Deque<Long> deaths = new ArrayDeque<>();
    private long total;
    private long notRunningSince = -1;
    private boolean everRunning;

    public ThreadHealth(long graceMillis, long windowMillis, int maxDeaths, LongSupplier clock) {
        this.graceMillis = graceMillis;
        this.windowMillis = windowMillis;
        this.maxDeaths = maxDeaths;
        this.clock = clock;
    }

    /** A stream thread died and was replaced. */
    public synchronized void died() {
        total++;
        deaths.addLast(clock.getAsLong());
        prune();
    }

    /** The threads' states as just observed (names of {@code StreamThread.State}). */
    public synchronized void observed(List<String> threadStates) {
        boolean allRunning = !threadStates.isEmpty() && threadStates.stream().allMatch("RUNNING"::equals);
        if (allRunning) {
            everRunning = true;
            notRunningSince = -1;
        } else if (notRunningSince < 0) {
            notRunningSince = clock.getAsLong();
        }
    }

    /** Ready: every thread has been RUNNING (or short of it only within the grace), and threads do not keep dying. */
    public synchronized boolean ready() {
        prune();
        if (!everRunning || deaths.size() >= maxDeaths) {
            return false;
        }
        return notRunningSince < 0 || clock.getAsLong() - notRunningSince <= graceMillis;
    }

    /** Alive unless threads keep dying (then a restart of the process is the way out). */
    public synchronized boolean alive() {
        prune();
        return deaths.size() < maxDeaths;
    }

    /** Replacements within the window, and since the start. */
    public synchronized int recentDeaths() {
        prune();
        return deaths.size();
    }

    public synchronized long totalDeaths() {
        return total;
    }

    private void prune() {
        long from = clock.getAsLong() - windowMillis;
        while (!deaths.isEmpty() && deaths.peekFirst() < from) {
            deaths.removeFirst();
        }
    }
}
