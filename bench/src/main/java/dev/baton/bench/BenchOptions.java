package dev.baton.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line options of {@link Bench}.
 *
 * @param workloads      workloads of the closed-loop runs (and the state-size probe)
 * @param openWorkloads  workloads of the open-loop runs
 * @param closed         run closed-loop throughput runs
 * @param open           run open-loop latency runs
 * @param concurrency    instances kept in flight in a closed loop
 * @param rates          open-loop start rates (instances per second)
 * @param warmup         warm-up before each measurement window
 * @param duration       measurement window
 * @param drain          how long a run waits for its instances to finish
 * @param baseline       run the choreographed baseline (chains for the seq-N workloads)
 * @param stateSizes     measure instance state sizes
 * @param inflight       waiting instances for the memory probe (0: skip)
 * @param longLoop       passes of the long-loop probe (0: skip)
 * @param encoding       baton.encoding: avro or json
 * @param streamThreads  baton.stream-threads
 * @param workerThreads  consumer threads per echo service
 * @param partitions     partitions of Baton's and the services' topics
 * @param commitIntervalMs baton.commit-interval-ms (0: Baton's default)
 * @param quick          the quick profile was asked for
 * @param orchestrated   run the orchestrated (Baton) runs (false: only the baseline and the probes)
 * @param jitWarmup      unmeasured load before the first measured run (one JVM runs everything: the JIT
 *                       compiler takes a core for the first tens of seconds)
 * @param clientProperties Kafka client settings given to every client on both sides (orchestrator,
 *                       echo services, chain services, load generator)
 * @param recovery       after the in-flight probe, restart the node, replace it and let a standby take over
 */
record BenchOptions(
        List<Workload> workloads,
        List<Workload> openWorkloads,
        boolean closed,
        boolean open,
        int concurrency,
        List<Integer> rates,
        Duration warmup,
        Duration duration,
        Duration drain,
        boolean baseline,
        boolean stateSizes,
        int inflight,
        int longLoop,
        String encoding,
        int streamThreads,
        int workerThreads,
        int partitions,
        long commitIntervalMs,
        boolean quick,
        boolean orchestrated,
        Duration jitWarmup,
        Map<String, Object> clientProperties,
        boolean recovery) {

    static final String USAGE = """
            Usage: bench/run [options]
              --quick                 short runs (~2 minutes): closed loop for every workload, open loop for seq-2
                                      at 2500/s, the baseline, state sizes, and 100,000 in-flight instances
                                      (the full profile takes ~8 minutes and runs 1,000,000 in-flight instances)
              --workloads LIST        closed-loop workloads (default seq-2,seq-5,fork-10; seq-N and fork-N accepted)
              --open-workloads LIST   open-loop workloads (default seq-2,seq-5; quick: seq-2)
              --modes LIST            closed,open (default both)
              --concurrency N         instances in flight in a closed loop (default 500)
              --rates LIST            open-loop rates per second (default 1000,2500; quick: 2500)
              --warmup S              seconds of warm-up before each window (default 5; quick: 2)
              --duration S            seconds of each measurement window (default 20; quick: 7)
              --drain S               seconds a run waits for its last instances (default 60)
              --no-baseline           skip the choreographed baseline
              --no-orchestrated       skip the orchestrated runs (baseline and probes only)
              --no-state-sizes        skip the state-size probe
              --inflight N            waiting WAIT instances for the heap probe (default 1000000; quick: 100000;
                                      0 skips it)
              --long-loop N           passes of the long-loop probe, a DO_WHILE of INLINE tasks (default 10000;
                                      0 skips it)
              --recovery              after the in-flight probe: restart the node on its state, start a node
                                      with an empty state directory, and let a standby node take over; times
                                      to RUNNING, to the end of restoration and to the first step
              --jit-warmup S          seconds of unmeasured load before the first run (default 30; quick: 25)
              --retry-backoff-ms N    Kafka retry.backoff.ms for every client on both sides (default: Kafka's, 100)
              --client KEY=VALUE      any Kafka client setting for every client on both sides (repeatable)
              --encoding avro|json    baton.encoding (default avro)
              --stream-threads N      Kafka Streams threads of the orchestrator (default 1)
              --worker-threads N      consumer threads per echo service (default 1)
              --partitions N          partitions of the topics (default 6)
              --commit-interval-ms N  Kafka Streams commit interval (default: Baton's, 20)
            """;

    private static final Pattern SEQ = Pattern.compile("seq-(\\d+)");
    private static final Pattern FORK = Pattern.compile("fork-(\\d+)");

    /** Parses the arguments; null after printing the usage for --help. */
    static BenchOptions parse(String[] args) {
        boolean quick = List.of(args).contains("--quick");
        String workloads = "seq-2,seq-5,fork-10";
        String openWorkloads = quick ? "seq-2" : "seq-2,seq-5";
        String modes = "closed,open";
        int concurrency = 500;
        String rates = quick ? "2500" : "1000,2500";
        int warmup = quick ? 2 : 5;
        int duration = quick ? 7 : 20;
        int drain = 60;
        boolean baseline = true;
        boolean orchestrated = true;
        int jitWarmup = quick ? 25 : 30;
        Map<String, Object> client = new LinkedHashMap<>();
        boolean stateSizes = true;
        int inflight = quick ? 100_000 : 1_000_000;
        int longLoop = 10_000;
        String encoding = "avro";
        int streamThreads = 1;
        int workerThreads = 1;
        int partitions = 6;
        long commitInterval = 0;
        boolean recovery = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> {}
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return null;
                }
                case "--no-baseline" -> baseline = false;
                case "--no-orchestrated" -> orchestrated = false;
                case "--no-state-sizes" -> stateSizes = false;
                case "--recovery" -> recovery = true;
                case "--workloads" -> workloads = value(args, ++i, a);
                case "--open-workloads" -> openWorkloads = value(args, ++i, a);
                case "--modes" -> modes = value(args, ++i, a);
                case "--concurrency" -> concurrency = positive(args, ++i, a);
                case "--rates" -> rates = value(args, ++i, a);
                case "--warmup" -> warmup = nonNegative(args, ++i, a);
                case "--duration" -> duration = positive(args, ++i, a);
                case "--drain" -> drain = positive(args, ++i, a);
                case "--inflight" -> inflight = nonNegative(args, ++i, a);
                case "--long-loop" -> longLoop = nonNegative(args, ++i, a);
                case "--jit-warmup" -> jitWarmup = nonNegative(args, ++i, a);
                case "--retry-backoff-ms" -> client.put("retry.backoff.ms", positive(args, ++i, a));
                case "--client" -> {
                    String kv = value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--client takes KEY=VALUE");
                    }
                    client.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
                case "--encoding" -> {
                    encoding = value(args, ++i, a).toLowerCase(Locale.ROOT);
                    if (!encoding.equals("avro") && !encoding.equals("json")) {
                        throw new IllegalArgumentException("--encoding must be avro or json");
                    }
                }
                case "--stream-threads" -> streamThreads = positive(args, ++i, a);
                case "--worker-threads" -> workerThreads = positive(args, ++i, a);
                case "--partitions" -> partitions = positive(args, ++i, a);
                case "--commit-interval-ms" -> commitInterval = positive(args, ++i, a);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (recovery && inflight < 3) {
            throw new IllegalArgumentException("--recovery needs the in-flight probe (--inflight 3 or more)");
        }
        List<String> modeList = List.of(modes.split(","));
        for (String m : modeList) {
            if (!m.equals("closed") && !m.equals("open")) {
                throw new IllegalArgumentException("--modes takes closed and/or open, not " + m);
            }
        }
        List<Integer> rateList = new ArrayList<>();
        for (String r : rates.split(",")) {
            int v = Integer.parseInt(r.trim());
            if (v <= 0) {
                throw new IllegalArgumentException("rates must be positive");
            }
            rateList.add(v);
        }
        return new BenchOptions(
                workloads(workloads),
                workloads(openWorkloads),
                modeList.contains("closed"),
                modeList.contains("open"),
                concurrency,
                List.copyOf(rateList),
                Duration.ofSeconds(warmup),
                Duration.ofSeconds(duration),
                Duration.ofSeconds(drain),
                baseline,
                stateSizes,
                inflight,
                longLoop,
                encoding,
                streamThreads,
                workerThreads,
                partitions,
                commitInterval,
                quick,
                orchestrated,
                Duration.ofSeconds(jitWarmup),
                Map.copyOf(client),
                recovery);
    }

    /** Every workload named, once (closed and open lists together). */
    List<Workload> allWorkloads() {
        List<Workload> all = new ArrayList<>(workloads);
        for (Workload w : openWorkloads) {
            if (all.stream().noneMatch(x -> x.label().equals(w.label()))) {
                all.add(w);
            }
        }
        return all;
    }

    static List<Workload> workloads(String list) {
        List<Workload> out = new ArrayList<>();
        for (String raw : list.split(",")) {
            String s = raw.trim();
            if (s.isEmpty()) {
                continue;
            }
            Matcher seq = SEQ.matcher(s);
            Matcher fork = FORK.matcher(s);
            if (seq.matches() && Integer.parseInt(seq.group(1)) >= 1) {
                out.add(Workload.sequential(Integer.parseInt(seq.group(1))));
            } else if (fork.matches() && Integer.parseInt(fork.group(1)) >= 1) {
                out.add(Workload.forkJoin(Integer.parseInt(fork.group(1))));
            } else {
                throw new IllegalArgumentException("unknown workload " + s + " (seq-N or fork-N)");
            }
        }
        return List.copyOf(out);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String[] args, int i, String option) {
        int v = nonNegative(args, i, option);
        if (v == 0) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return v;
    }

    private static int nonNegative(String[] args, int i, String option) {
        try {
            int v = Integer.parseInt(value(args, i, option).replace("_", ""));
            if (v < 0) {
                throw new IllegalArgumentException(option + " must not be negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number");
        }
    }
}
