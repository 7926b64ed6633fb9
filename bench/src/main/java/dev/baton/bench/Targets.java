package dev.baton.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results of a bench run and how they compare with the performance issue's targets (reported,
 * not enforced): at least 5,000 two-task workflows/s with EOS on; p99 step latency at most 50 ms at
 * half that rate; orchestrated/choreographed throughput at least 0.1; 1M instances in flight
 * with a heap of at most 1 GiB.
 */
final class Targets {
    static final int THROUGHPUT = 5000;
    static final int HALF_RATE = THROUGHPUT / 2;
    static final long STEP_P99_MICROS = 50_000;
    static final double RATIO = 0.1;
    static final long HEAP = 1L << 30;
    static final int INFLIGHT = 1_000_000;
    /** Below this many instances a heap difference is mostly noise. */
    private static final int PROJECT_FROM = 100_000;

    /** Closed-loop results of the orchestrated workloads, by workload label. */
    final Map<String, RunResult> closedBaton = new LinkedHashMap<>();
    /** Closed-loop results of the chains, by the label of the matching workload (seq-N). */
    final Map<String, RunResult> closedChain = new LinkedHashMap<>();
    /** Open-loop results, by "label@rate". */
    final Map<String, RunResult> open = new LinkedHashMap<>();

    InflightProbe.Result inflight;
    java.util.List<RecoveryProbe.Result> recovery = java.util.List.of();

    /** The bracketed target verdict printed after a run's line, or "". */
    static String annotate(RunResult r) {
        if (r.label().equals("seq-2") && r.mode().startsWith("closed")) {
            return "   [target >= " + THROUGHPUT + " workflows/s: " + verdict(r.workflowsPerSecond() >= THROUGHPUT)
                    + "]";
        }
        if (r.label().equals("seq-2") && r.mode().equals("open-loop " + HALF_RATE + "/s")) {
            return "   [target step p99 <= " + STEP_P99_MICROS / 1000 + " ms at " + HALF_RATE + "/s: "
                    + verdict(stepTargetMet(r)) + "]";
        }
        return "";
    }

    /** One line per workload run both ways: the orchestrated/choreographed closed-loop throughput. */
    List<String> ratioLines() {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, RunResult> e : closedChain.entrySet()) {
            RunResult b = closedBaton.get(e.getKey());
            if (b != null) {
                double ratio = b.workflowsPerSecond() / e.getValue().workflowsPerSecond();
                lines.add("ratio " + e.getKey() + " orchestrated/choreographed throughput (closed loop): "
                        + Format.fixed(ratio, 2) + " (" + Math.round(b.workflowsPerSecond()) + " / "
                        + Math.round(e.getValue().workflowsPerSecond()) + " workflows/s)   [target >= " + RATIO + ": "
                        + verdict(ratio >= RATIO) + "]");
            }
        }
        return lines;
    }

    static String inflightLine(InflightProbe.Result r) {
        long perInstance = r.running() == 0 ? 0 : r.heapDelta() / r.running();
        return "in-flight " + r.running() + " waiting instances: heap used " + Format.bytes(r.heapAfter())
                + " after GC (" + (r.heapDelta() >= 0 ? "+" : "") + Format.bytes(r.heapDelta()) + " over the "
                + Format.bytes(r.heapBefore()) + " before, ~" + perInstance + " B per instance); RocksDB state dir "
                + Format.bytes(r.diskAfter()) + " on disk; process RSS " + (r.rss() < 0 ? "n/a" : Format.bytes(r.rss()))
                + " (heap + RocksDB native memory + broker + JIT); one waiting instance in the store: "
                + (r.instanceBytes() < 0 ? "n/a" : r.instanceBytes() + " B")
                + "   [target " + INFLIGHT + " in flight with heap <= 1 GiB: "
                + (r.running() >= INFLIGHT
                        ? verdict(r.heapAfter() <= HEAP)
                        : "not measured at 1M (ran " + r.running() + ")")
                + "]";
    }

    void printSummary(PrintStream out, int concurrency) {
        RunResult seq2 = closedBaton.get("seq-2");
        out.println(">= " + THROUGHPUT + " two-task workflows/s with EOS: "
                + (seq2 == null
                        ? "not run"
                        : Math.round(seq2.workflowsPerSecond()) + " workflows/s (seq-2 closed loop, " + concurrency
                                + " in flight) -> " + verdict(seq2.workflowsPerSecond() >= THROUGHPUT)));
        RunResult half = open.get("seq-2@" + HALF_RATE);
        if (half == null) {
            out.println("p99 step latency <= " + STEP_P99_MICROS / 1000 + " ms at " + HALF_RATE
                    + " workflows/s: not run (needs seq-2 in the" + " open-loop workloads and rate " + HALF_RATE + ")");
        } else {
            long p99 = half.stepLatency().getTotalCount() == 0
                    ? -1
                    : half.stepLatency().getValueAtPercentile(99);
            out.println(
                    "p99 step latency <= " + STEP_P99_MICROS / 1000 + " ms at " + HALF_RATE + " workflows/s: step p99 "
                            + (p99 < 0 ? "n/a" : Format.ms(p99)) + ", workflow p99 "
                            + Format.ms(half.latency().getValueAtPercentile(99)) + " (seq-2 open loop, achieved "
                            + Math.round(half.workflowsPerSecond()) + "/s"
                            + (half.unfinished() > 0 ? ", " + half.unfinished() + " unfinished" : "") + ") -> "
                            + verdict(stepTargetMet(half)));
        }
        List<String> ratios = new ArrayList<>();
        boolean allMet = true;
        for (Map.Entry<String, RunResult> e : closedChain.entrySet()) {
            RunResult b = closedBaton.get(e.getKey());
            if (b != null) {
                double ratio = b.workflowsPerSecond() / e.getValue().workflowsPerSecond();
                allMet &= ratio >= RATIO;
                ratios.add(e.getKey() + " " + Format.fixed(ratio, 2));
            }
        }
        out.println("orchestrated/choreographed throughput >= " + RATIO + ": "
                + (ratios.isEmpty() ? "not run" : String.join(", ", ratios) + " -> " + verdict(allMet)));
        if (inflight == null) {
            out.println("1M in flight with heap <= 1 GiB: not run (--inflight 0)");
            return;
        }
        String v;
        if (inflight.running() >= INFLIGHT) {
            v = verdict(inflight.heapAfter() <= HEAP);
        } else if (inflight.running() >= PROJECT_FROM) {
            long projected = inflight.heapBefore() + inflight.heapDelta() * INFLIGHT / inflight.running();
            v = "not measured at 1M; linear projection from " + inflight.running() + ": " + Format.bytes(projected)
                    + " (" + (projected <= HEAP ? "would meet" : "would NOT meet")
                    + "); run bench/run --inflight 1000000";
        } else {
            v =
                    "not measured at 1M, and too few to project (GC noise is several MiB); run bench/run --inflight 1000000";
        }
        out.println("1M in flight with heap <= 1 GiB: " + inflight.running() + " in flight, heap "
                + Format.bytes(inflight.heapAfter()) + " -> " + v);
        for (RecoveryProbe.Result r : recovery) {
            out.println(r.line());
        }
    }

    private static boolean stepTargetMet(RunResult r) {
        return r.stepLatency().getTotalCount() > 0
                && r.stepLatency().getValueAtPercentile(99) <= STEP_P99_MICROS
                && r.unfinished() == 0;
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }
}
