package dev.baton.bench;

import dev.baton.orchestrator.runtime.StreamsRuntime;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * What the stream threads did during a run, from Kafka Streams' own thread metrics: records
 * processed, commits, polls and punctuations (totals, summed over threads) and where the time went.
 */
record ThreadStats(Map<String, Double> totals, Map<String, Double> ratios, double commitLatencyMs) {
    private static final String[] TOTALS = {"process-total", "commit-total", "poll-total", "punctuate-total"};
    private static final String[] RATIOS = {"process-ratio", "commit-ratio", "poll-ratio", "punctuate-ratio"};

    static ThreadStats read(StreamsRuntime runtime) {
        Map<String, Double> totals = new HashMap<>();
        Map<String, Double> ratios = new HashMap<>();
        double commitLatency = 0;
        int threads = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : runtime.kafkaMetrics().entrySet()) {
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
        return new ThreadStats(totals, ratios, threads == 0 ? 0 : commitLatency / threads);
    }

    /** One line comparing this reading with one taken before the run. */
    String since(ThreadStats before, long workflows, double seconds) {
        double processed = delta(before, "process-total");
        double commits = delta(before, "commit-total");
        return "  stream threads: " + Format.fixed(processed / Math.max(1, workflows), 1) + " records per workflow, "
                + Format.fixed(commits / seconds, 0) + " commits/s, " + Format.fixed(processed / Math.max(1, commits), 0)
                + " records per commit, commit " + Format.fixed(commitLatencyMs, 1) + " ms avg; time: process "
                + pct("process-ratio") + ", commit " + pct("commit-ratio") + ", poll " + pct("poll-ratio")
                + ", punctuate " + pct("punctuate-ratio");
    }

    private double delta(ThreadStats before, String key) {
        return totals.getOrDefault(key, 0.0) - before.totals.getOrDefault(key, 0.0);
    }

    private String pct(String key) {
        return Format.fixed(100 * ratios.getOrDefault(key, 0.0), 0) + "%";
    }
}
