package dev.baton.bench;

import dev.baton.orchestrator.runtime.StreamsRuntime;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * What the stream threads did during a run, from Kafka Streams' own thread metrics: records
 * processed, commits, polls and punctuations (totals, summed over threads) and where the time went.
 */
record ThreadStats(
        Map<String, Double> totals,
        Map<String, Double> ratios,
        double commitLatencyMs,
        Map<String, Double> sent,
        long streamCpuNanos) {
    private static final String[] TOTALS = {"process-total", "commit-total", "poll-total", "punctuate-total"};
    private static final String[] RATIOS = {"process-ratio", "commit-ratio", "poll-ratio", "punctuate-ratio"};

    static ThreadStats read(StreamsRuntime runtime) {
        Map<String, Double> totals = new HashMap<>();
        Map<String, Double> ratios = new HashMap<>();
        double commitLatency = 0;
        int threads = 0;
        Map<String, Double> sent = new HashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : runtime.kafkaMetrics().entrySet()) {
            if ("producer-topic-metrics".equals(e.getKey().group())
                    && "record-send-total".equals(e.getKey().name())
                    && e.getValue().metricValue() instanceof Number n) {
                sent.merge(e.getKey().tags().getOrDefault("topic", "?"), n.doubleValue(), Double::sum);
                continue;
            }
            if (!"stream-thread-metrics".equals(e.getKey().group())) {
                continue;
            }
            String name = e.getKey().name();
            double v = e.getValue().metricValue() instanceof Number n ? n.doubleValue() : 0;
            if (Double.isNaN(v)) {
                v = 0;
            }
            for (String t : TOTALS) {
                if (t.equals(name)) {
                    totals.merge(t, v, Double::sum);
                }
            }
            for (String r : RATIOS) {
                if (r.equals(name)) {
                    ratios.merge(r, v, Double::sum);
                }
            }
            if ("commit-latency-avg".equals(name)) {
                commitLatency += v;
                threads++;
            }
        }
        return new ThreadStats(totals, ratios, threads == 0 ? 0 : commitLatency / threads, sent, streamCpu());
    }

    /** CPU time of the stream threads themselves (not their producers' network threads), summed. */
    private static long streamCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null
                    && t.getThreadName().contains("-StreamThread-")
                    && !t.getThreadName().startsWith("kafka-")) {
                sum += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    /** One line comparing this reading with one taken before the run. */
    String since(ThreadStats before, long workflows, double seconds) {
        double processed = delta(before, "process-total");
        double commits = delta(before, "commit-total");
        return "  stream threads: " + Format.fixed(processed / Math.max(1, workflows), 1) + " records per workflow, "
                + Format.fixed(commits / seconds, 0) + " commits/s, "
                + Format.fixed(processed / Math.max(1, commits), 0)
                + " records per commit, commit " + Format.fixed(commitLatencyMs, 1) + " ms avg; time: process "
                + pct("process-ratio") + ", commit " + pct("commit-ratio") + ", poll " + pct("poll-ratio")
                + ", punctuate " + pct("punctuate-ratio") + "; stream thread CPU "
                + Format.fixed((streamCpuNanos - before.streamCpuNanos) / 1e3 / Math.max(1, workflows), 0)
                + " us per workflow" + written(before, workflows);
    }

    /** Records the orchestrator's producers wrote per workflow, in all and by topic (most first). */
    private String written(ThreadStats before, long workflows) {
        Map<String, Double> perTopic = new HashMap<>();
        sent.forEach(
                (topic, n) -> perTopic.put(topic, (n - before.sent.getOrDefault(topic, 0.0)) / Math.max(1, workflows)));
        double all = perTopic.values().stream().mapToDouble(Double::doubleValue).sum();
        StringBuilder b = new StringBuilder("\n  records written per workflow: ").append(Format.fixed(all, 1));
        perTopic.entrySet().stream()
                .filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> b.append(", ").append(e.getKey()).append(' ').append(Format.fixed(e.getValue(), 1)));
        return b.toString();
    }

    private double delta(ThreadStats before, String key) {
        return totals.getOrDefault(key, 0.0) - before.totals.getOrDefault(key, 0.0);
    }

    private String pct(String key) {
        return Format.fixed(100 * ratios.getOrDefault(key, 0.0), 0) + "%";
    }
}
