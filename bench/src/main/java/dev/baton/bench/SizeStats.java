package dev.baton.bench;

import java.util.Map;
import java.util.TreeMap;

/** Sizes of records seen, per key (e.g. "bench_seq2 COMPLETED"): count, sum and maximum. */
final class SizeStats {
    /** Count, sum and maximum of one key. */
    record Summary(long count, long sum, long max) {
        long average() {
            return count == 0 ? 0 : sum / count;
        }
    }

    private final Map<String, long[]> stats = new TreeMap<>();

    synchronized void record(String key, int bytes) {
        long[] s = stats.computeIfAbsent(key, k -> new long[3]);
        s[0]++;
        s[1] += bytes;
        s[2] = Math.max(s[2], bytes);
    }

    synchronized Summary get(String key) {
        long[] s = stats.get(key);
        return s == null ? new Summary(0, 0, 0) : new Summary(s[0], s[1], s[2]);
    }
}
