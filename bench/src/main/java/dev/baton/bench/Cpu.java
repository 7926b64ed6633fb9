package dev.baton.bench;

import java.lang.management.ManagementFactory;

/** Process CPU time, to show how much of the machine a run used. */
final class Cpu {
    private Cpu() {}

    /** CPU time of this JVM in nanoseconds, or -1 if the platform does not say. */
    static long processNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
