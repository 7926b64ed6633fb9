package dev.baton.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Baton's benchmark harness, in one JVM: a real broker, the orchestrator (exactly_once_v2) and
 * echo services on Baton's worker library. Measures closed-loop throughput and open-loop latency
 * of sequential and fork/join workflows, the same echo services choreographed by events without
 * an orchestrator as a baseline, instance state sizes, and the heap with many instances waiting.
 * Run with {@code bench/run [--quick] [--help]}.
 */
public final class Bench {
    private static final PrintStream OUT = System.out;
    private static final int WARM_INSTANCES = 50;

    private Bench() {}

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "bench-logback.xml");
        }
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (o == null) {
            return;
        }
        quietLogs();
        int code = 0;
        try {
            run(o);
        } catch (Exception e) {
            OUT.flush();
            System.err.println("bench failed: " + e);
            e.printStackTrace();
            code = 1;
        }
        OUT.flush();
        System.exit(code);
    }

    private static void run(BenchOptions o) throws Exception {
        long begin = System.nanoTime();
        OUT.println("Baton bench: " + Cpu.cores() + " cores, Java " + System.getProperty("java.version") + ", -Xmx "
                + Format.bytes(Memory.max()) + "; one JVM runs the broker, the orchestrator (exactly_once_v2, "
                + o.streamThreads() + " stream thread(s), commit interval "
                + (o.commitIntervalMs() > 0 ? o.commitIntervalMs() : 20) + " ms, encoding " + o.encoding() + ", "
                + o.partitions() + " partitions), the echo services and the load generator");
        OUT.println("Kafka client settings on both sides: "
                + (o.clientProperties().isEmpty() ? "Kafka's defaults" : o.clientProperties()));
        OUT.println("Each run: " + o.warmup().toSeconds() + " s warm-up + "
                + o.duration().toSeconds()
                + " s measured; latency = start call -> COMPLETED snapshot read (read_committed) from baton.state"
                + " (chain: -> record read from chain<N>.done); step = task scheduled -> completed in the engine");
        Targets results = new Targets();
        List<Workload> all = o.allWorkloads();
        boolean anyRuns = (o.closed() && !o.workloads().isEmpty())
                || (o.open() && !o.openWorkloads().isEmpty());
        boolean anyChains = o.baseline() && !chainLengths(o).isEmpty();
        if ((anyRuns && (o.orchestrated() || anyChains)) || o.stateSizes() || o.longLoop() > 0) {
            long t = System.nanoTime();
            try (BatonStack stack = BatonStack.start(o, true, all)) {
                OUT.println("Broker, orchestrator and echo services up in "
                        + Format.fixed((System.nanoTime() - t) / 1e9, 1) + " s (bootstrap " + stack.bootstrap() + ")");
                for (Workload w : all) {
                    warm(stack, w);
                }
                if (o.orchestrated()) {
                    orchestrated(stack, o, results);
                    OUT.println("After the load: "
                            + RocksDbMemory.read(stack.runtime).line());
                }
                if (anyChains) {
                    baseline(stack, o, results);
                }
                if (o.stateSizes()) {
                    OUT.println();
                    OUT.println("== Instance state ==");
                    StateSizeProbe.run(stack, all, o.encoding(), OUT);
                }
                if (o.longLoop() > 0) {
                    OUT.println();
                    OUT.println("== Long loop ==");
                    LongLoopProbe.run(stack, o.longLoop(), OUT);
                }
            }
        }
        if (o.inflight() > 0) {
            OUT.println();
            OUT.println("== Memory with instances in flight (fresh broker and orchestrator, no workers) ==");
            try (BatonStack stack = BatonStack.start(o, false, List.of(Workload.waiting()))) {
                warmWait(stack);
                results.inflight = InflightProbe.run(stack, o.inflight(), OUT);
                OUT.println(Targets.inflightLine(results.inflight));
                OUT.println(RocksDbMemory.read(stack.runtime).line());
                if (o.recovery()) {
                    OUT.println();
                    OUT.println("== Recovery with " + results.inflight.running() + " instances in flight ==");
                    results.recovery = RecoveryProbe.run(stack, o.partitions(), results.inflight.waiting(), OUT);
                }
            }
        }
        OUT.println();
        OUT.println("== Targets (not gates) ==");
        results.printSummary(OUT, o.concurrency());
        OUT.println("Total bench time " + Format.fixed((System.nanoTime() - begin) / 1e9, 0) + " s");
    }

    private static void orchestrated(BatonStack stack, BenchOptions o, Targets results) {
        List<Workload> all = o.allWorkloads();
        if (!o.jitWarmup().isZero()) {
            OUT.println("Warming up (unmeasured closed loops, " + o.jitWarmup().toSeconds() + " s)...");
            LoadDriver warmDriver = new LoadDriver(Duration.ZERO, o.jitWarmup().dividedBy(all.size()), o.drain());
            for (Workload w : all) {
                measure(
                        stack,
                        tracker ->
                                warmDriver.closedLoop(w.label(), w.steps(), stack.target(w), tracker, o.concurrency()));
            }
            settleJit(stack, o, all);
        }
        OUT.println();
        OUT.println("== Orchestrated (Baton) ==");
        LoadDriver driver = new LoadDriver(o.warmup(), o.duration(), o.drain());
        if (o.closed()) {
            for (Workload w : o.workloads()) {
                RunResult r = measure(
                        stack,
                        tracker -> driver.closedLoop(w.label(), w.steps(), stack.target(w), tracker, o.concurrency()));
                results.closedBaton.put(w.label(), r);
                OUT.println(r.line() + Targets.annotate(r));
                OUT.println(lastThreadLine);
            }
        }
        if (o.open()) {
            for (Workload w : o.openWorkloads()) {
                for (int rate : o.rates()) {
                    RunResult r = measure(
                            stack, tracker -> driver.openLoop(w.label(), w.steps(), stack.target(w), tracker, rate));
                    results.open.put(w.label() + "@" + rate, r);
                    OUT.println(r.line() + Targets.annotate(r));
                    OUT.println(lastThreadLine);
                }
            }
        }
    }

    private static void baseline(BatonStack stack, BenchOptions o, Targets results) throws Exception {
        OUT.println();
        OUT.println("== Choreographed baseline (same broker, no orchestrator: chain<N>.start -> ... -> chain<N>.done,"
                + " read_committed + transactions) ==");
        LoadDriver driver = new LoadDriver(o.warmup(), o.duration(), o.drain());
        Duration chainWarmup = Duration.ofSeconds(Math.max(3, o.jitWarmup().toSeconds() / 4));
        for (int length : chainLengths(o)) {
            String workload = "seq-" + length;
            String label = "chain-" + length;
            try (Choreography chain =
                    new Choreography(stack.bootstrap(), length, o.partitions(), o.clientProperties()).start()) {
                warm(chain, label);
                measure(
                        chain,
                        tracker -> new LoadDriver(Duration.ZERO, chainWarmup, o.drain())
                                .closedLoop(label, length, chain.target(), tracker, o.concurrency()));
                if (o.closed() && has(o.workloads(), workload)) {
                    RunResult r = measure(
                            chain,
                            tracker -> driver.closedLoop(label, length, chain.target(), tracker, o.concurrency()));
                    results.closedChain.put(workload, r);
                    OUT.println(r.line());
                }
                if (o.open() && has(o.openWorkloads(), workload)) {
                    for (int rate : o.rates()) {
                        RunResult r = measure(
                                chain, tracker -> driver.openLoop(label, length, chain.target(), tracker, rate));
                        results.open.put(label + "@" + rate, r);
                        OUT.println(r.line());
                    }
                }
            }
        }
        results.ratioLines().forEach(OUT::println);
    }

    /** A run measured with a fresh tracker that the stack's state observer feeds. */
    /** JIT compile time per second of warm-up below which the JIT counts as settled. */
    private static final long SETTLED_COMPILE_MS_PER_S = 20;

    private static final Duration SETTLE_ROUND = Duration.ofSeconds(5);
    private static final Duration SETTLE_MAX = Duration.ofSeconds(120);

    /**
     * Goes on warming up, in rounds of closed loops, until a round costs the JIT less than
     * {@value #SETTLED_COMPILE_MS_PER_S} ms of compile time per second (or {@link #SETTLE_MAX} has
     * passed), so that the measured windows measure Baton rather than the JIT's warm-up.
     */
    private static void settleJit(BatonStack stack, BenchOptions o, List<Workload> all) {
        long start = System.nanoTime();
        LoadDriver round = new LoadDriver(Duration.ZERO, SETTLE_ROUND, o.drain());
        double perSecond = Double.NaN;
        int i = 0;
        while (Jit.compileMillis() >= 0 && System.nanoTime() - start < SETTLE_MAX.toNanos()) {
            Workload w = all.get(i++ % all.size());
            long before = Jit.compileMillis();
            long roundStart = System.nanoTime();
            measure(
                    stack,
                    tracker -> round.closedLoop(w.label(), w.steps(), stack.target(w), tracker, o.concurrency()));
            perSecond = (Jit.compileMillis() - before) / ((System.nanoTime() - roundStart) / 1e9);
            if (perSecond < SETTLED_COMPILE_MS_PER_S) {
                break;
            }
        }
        OUT.println("JIT " + (perSecond < SETTLED_COMPILE_MS_PER_S ? "settled" : "still compiling") + " after "
                + Format.fixed((System.nanoTime() - start) / 1e9, 0)
                + " s more warm-up (compile time in the last round: "
                + Format.fixed(perSecond, 0) + " ms/s)");
    }

    private static RunResult measure(BatonStack stack, Function<Tracker, RunResult> run) {
        Tracker tracker = new Tracker();
        stack.observer.track(tracker);
        ThreadStats before = ThreadStats.read(stack.runtime);
        long compiled = Jit.compileMillis();
        long begin = System.nanoTime();
        try {
            return run.apply(tracker);
        } finally {
            stack.observer.track(null);
            double seconds = (System.nanoTime() - begin) / 1e9;
            lastThreadLine =
                    ThreadStats.read(stack.runtime).since(before, tracker.completed() + tracker.failed(), seconds)
                            + "\n  JIT compile time during the run: "
                            + Format.fixed((Jit.compileMillis() - compiled) / seconds, 0)
                            + " ms/s";
        }
    }

    /** What the stream threads did in the last orchestrated run (printed under its line). */
    private static String lastThreadLine = "";

    private static RunResult measure(Choreography chain, Function<Tracker, RunResult> run) {
        Tracker tracker = new Tracker();
        chain.track(tracker);
        try {
            return run.apply(tracker);
        } finally {
            chain.track(null);
        }
    }

    /** The chain lengths of the baseline: one per seq-N workload. */
    private static List<Integer> chainLengths(BenchOptions o) {
        List<Integer> lengths = new ArrayList<>();
        for (Workload w : o.allWorkloads()) {
            if (w.label().startsWith("seq-")) {
                lengths.add(w.steps());
            }
        }
        return lengths;
    }

    private static boolean has(List<Workload> list, String label) {
        return list.stream().anyMatch(w -> w.label().equals(label));
    }

    /** Runs a few instances end to end before measuring (definitions loaded, partitions assigned). */
    private static void warm(BatonStack stack, Workload w) {
        Tracker t = new Tracker();
        stack.observer.track(t);
        startAndAwait(
                t,
                stack.target(w),
                "warm-" + w.label(),
                w.label() + " on Baton",
                () -> " (dead-lettered so far: " + stack.runtime.metrics().deadLetteredCount() + ")");
        stack.observer.track(null);
    }

    private static void warm(Choreography chain, String label) {
        Tracker t = new Tracker();
        chain.track(t);
        startAndAwait(t, chain.target(), "warm-" + label, label, () -> "");
        chain.track(null);
    }

    private static void startAndAwait(Tracker t, Target target, String prefix, String what, Supplier<String> detail) {
        for (int i = 0; i < WARM_INSTANCES; i++) {
            String id = prefix + "-" + i + "-" + System.nanoTime();
            t.started(id, System.nanoTime());
            target.start(id);
        }
        target.flush();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (t.inFlight() > 0 && System.nanoTime() < deadline) {
            LoadDriver.sleep(Duration.ofMillis(20));
        }
        if (t.inFlight() > 0 || t.failed() > 0) {
            throw new IllegalStateException("warm-up of " + what + ": " + t.completed() + " completed, " + t.failed()
                    + " failed, " + t.inFlight() + " unfinished after 90 s" + detail.get());
        }
    }

    /** Starts one waiting instance and waits until it is RUNNING (the definition is loaded). */
    private static void warmWait(BatonStack stack) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        AtomicBoolean seen = new AtomicBoolean();
        stack.observer.hook(s -> {
            if ("warm-wait".equals(s.getCorrelationId())) {
                seen.set(true);
            }
        });
        stack.client.start(Workload.WAIT_WORKFLOW, null, stack.input(), "warm-wait");
        stack.client.flush();
        while (!seen.get() && System.nanoTime() < deadline) {
            LoadDriver.sleep(Duration.ofMillis(20));
        }
        stack.observer.hook(null);
        if (!seen.get()) {
            throw new IllegalStateException("a " + Workload.WAIT_WORKFLOW + " instance did not start in 60 s");
        }
    }

    private static void quietLogs() {
        for (String name : new String[] {
            "org.apache.kafka", "kafka", "state.change.logger", "org.rocksdb", "LogFutureTimestampLogger"
        }) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.ERROR);
        }
        for (String name : new String[] {"io.micronaut", "dev.baton"}) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.WARN);
        }
    }
}
