package dev.baton.orchestrator;

/**
 * A stop (SIGTERM) ends the process within a deadline whatever state it is in: an orderly close
 * normally finishes first, but a stream thread stuck in restoration or in a loop of failures must
 * not hold a pod past its termination grace. Exactly-once transactions that are cut short abort,
 * so nothing committed is lost.
 */
final class ShutdownDeadline {
    /** The deadline, from the stop signal (system property {@code baton.shutdown-deadline-ms}). */
    static final long DEFAULT_MILLIS = 9_000;

    private ShutdownDeadline() {}

    static void install() {
        long millis = Long.getLong("baton.shutdown-deadline-ms", DEFAULT_MILLIS);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            Thread watchdog = new Thread(
                                    () -> {
                                        try {
                                            Thread.sleep(millis);
                                        } catch (InterruptedException e) {
                                            return;
                                        }
                                        System.err.println("Baton did not stop within " + millis
                                                + " ms of the stop signal; halting");
                                        Runtime.getRuntime().halt(143);
                                    },
                                    "baton-shutdown-deadline");
                            watchdog.setDaemon(true);
                            watchdog.start();
                        },
                        "baton-shutdown-deadline-hook"));
    }
}
