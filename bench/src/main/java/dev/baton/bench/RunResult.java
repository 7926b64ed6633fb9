package dev.baton.bench;

import org.HdrHistogram.Histogram;

/**
 * What one measured run produced.
 *
 * @param label      workload label (seq-2, chain-2, ...)
 * @param mode       e.g. "closed-loop 500 in flight" or "open-loop 1000/s"
 * @param steps      worker task steps per instance
 * @param seconds    length of the measurement window
 * @param completed  instances completed inside the window
 * @param latency    start→complete latency (µs) of the instances completed in the window (and, open loop, the drain)
 * @param stepLatency engine step latency (µs), empty when not measured
 * @param failed     instances that ended in another terminal status
 * @param unfinished instances still in flight when the drain timed out
 * @param cpuCores   average CPU use of the JVM over the window, in cores
 */
record RunResult(
        String label,
        String mode,
        int steps,
        double seconds,
        long completed,
        Histogram latency,
        Histogram stepLatency,
        long failed,
        long unfinished,
        double cpuCores) {

    double workflowsPerSecond() {
        return completed / seconds;
    }

    double stepsPerSecond() {
        return workflowsPerSecond() * steps;
    }

    String line() {
        StringBuilder b = new StringBuilder();
        b.append(label)
                .append(' ')
                .append(mode)
                .append(": ")
                .append(Math.round(workflowsPerSecond()))
                .append(" workflows/s, ")
                .append(Math.round(stepsPerSecond()))
                .append(" task steps/s, latency ")
                .append(percentiles(latency));
        if (stepLatency != null && stepLatency.getTotalCount() > 0) {
            b.append("; step ")
                    .append(Format.ms(stepLatency.getValueAtPercentile(50)))
                    .append(" p50, ")
                    .append(Format.ms(stepLatency.getValueAtPercentile(99)))
                    .append(" p99");
        }
        if (cpuCores >= 0) {
            b.append("; CPU ")
                    .append(Math.round(cpuCores * 100))
                    .append("%/")
                    .append(Cpu.cores() * 100)
                    .append('%');
        }
        if (failed > 0) {
            b.append("; ").append(failed).append(" FAILED");
        }
        if (unfinished > 0) {
            b.append("; ").append(unfinished).append(" still in flight after the drain");
        }
        return b.toString();
    }

    static String percentiles(Histogram h) {
        if (h == null || h.getTotalCount() == 0) {
            return "n/a (nothing completed)";
        }
        return "p50 " + Format.ms(h.getValueAtPercentile(50)) + " p99 " + Format.ms(h.getValueAtPercentile(99))
                + " p99.9 " + Format.ms(h.getValueAtPercentile(99.9)) + " (n=" + h.getTotalCount() + ")";
    }
}
