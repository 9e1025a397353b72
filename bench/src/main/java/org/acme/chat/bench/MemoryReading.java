package org.acme.chat.bench;

import java.util.concurrent.TimeUnit;

/**
 * One memory reading of a server process: its resident set ({@code VmRSS} from {@code /proc/<pid>/status}) and its
 * heap in use as its metrics report it (the sum of {@code jvm_memory_used_bytes{area="heap"}} over the pools). A JVM
 * gets {@code jcmd <pid> GC.run} and two seconds to settle first, so that its heap figure is live data after a full
 * GC; a native image cannot be collected from outside, so its heap figure is as found (its RSS is the figure to
 * watch).
 */
record MemoryReading(long rssBytes, double heapBytes, String how) {

    static MemoryReading of(NodeProcess node) throws InterruptedException {
        ServerProcess process = ServerProcess.of(node.pid());
        String how = process.collectGarbage();
        if (process.isJava()) {
            TimeUnit.SECONDS.sleep(2);
        }
        String exposition = node.metrics().scrape();
        double heap = exposition == null ? Double.NaN
                : ServerMetrics.sum(exposition, "jvm_memory_used_bytes", "area=\"heap\"");
        return new MemoryReading(process.rssKib() * 1024, heap, how);
    }

    /**
     * Whether {@code end} is within the budget over {@code start}: at most {@code percent}% more, or
     * {@code slackBytes} more where that is larger (small heaps move by a few MiB for no reason worth failing on).
     * A reading that is not there (NaN) is within any budget.
     */
    static boolean within(double start, double end, double percent, double slackBytes) {
        if (Double.isNaN(start) || Double.isNaN(end)) {
            return true;
        }
        return end <= start + Math.max(start * percent / 100, slackBytes);
    }
}
