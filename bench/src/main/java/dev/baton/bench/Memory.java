package dev.baton.bench;

/** Heap figures after a full collection. */
final class Memory {
    private Memory() {}

    /** Runs System.gc() a few times, then returns the heap in use (totalMemory - freeMemory). */
    static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            LoadDriver.sleep(java.time.Duration.ofMillis(300));
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /** Resident set size of this process (heap, RocksDB's native memory, metaspace, code...), or -1 if unknown. */
    static long rss() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    static long max() {
        return Runtime.getRuntime().maxMemory();
    }
}
