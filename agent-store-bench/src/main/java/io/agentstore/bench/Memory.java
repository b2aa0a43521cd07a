package io.agentstore.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of one contender: the Java heap above what was in use before it started (the sum of the heap
 * pools' peaks, reset before each contender, so an upper bound), and the process's peak resident set (Linux:
 * {@code VmHWM}, reset through {@code /proc/self/clear_refs}), which includes DuckDB's and SQLite's native memory.
 */
final class Memory {
    private long baseline;
    private boolean rssReset;

    /** Collects garbage, notes the heap in use and resets the peaks. */
    void reset() {
        System.gc();
        baseline = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                baseline += pool.getUsage().getUsed();
                pool.resetPeakUsage();
            }
        }
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            rssReset = true;
        } catch (IOException | RuntimeException e) {
            rssReset = false;
        }
    }

    /** The heap peak above the baseline since {@link #reset()}, in bytes. */
    long heapPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return Math.max(0, peak - baseline);
    }

    /** The peak resident set since {@link #reset()} in bytes, or -1 where it cannot be read or reset. */
    long rssPeak() {
        if (!rssReset) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
