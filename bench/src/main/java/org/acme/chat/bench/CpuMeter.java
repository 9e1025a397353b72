package org.acme.chat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * CPU time of a set of processes over an interval, from {@code /proc/<pid>/stat} (user + system, in clock ticks of
 * 10 ms). Reported as a share of one core, so that a reader can see who was saturated: a generator near 100% of its
 * core means the figures are the generator's limit, not the server's.
 */
final class CpuMeter {

    private static final double NANOS_PER_TICK = 10_000_000;

    private final List<Long> pids;
    private final long startTicks;
    private final long startNanos;

    private CpuMeter(List<Long> pids) {
        this.pids = pids;
        this.startTicks = ticks(pids);
        this.startNanos = System.nanoTime();
    }

    static CpuMeter start(List<Long> pids) {
        return new CpuMeter(pids);
    }

    static CpuMeter self() {
        return start(List.of(ProcessHandle.current().pid()));
    }

    /** CPU used since the start, as a share of one core (1.0 = one core busy all the time). */
    double cores() {
        long nanos = System.nanoTime() - startNanos;
        return nanos == 0 ? 0 : (ticks(pids) - startTicks) * NANOS_PER_TICK / nanos;
    }

    /** CPU time used since the start, in seconds. */
    double seconds() {
        return (ticks(pids) - startTicks) * NANOS_PER_TICK / 1e9;
    }

    String percent() {
        return String.format(Locale.ROOT, "%.0f%% of a core", cores() * 100);
    }

    /** CPU time of one process so far in clock ticks (10 ms), or -1 when it is gone. */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long ticks(List<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
                // Fields after the command name, which is in parentheses and may hold spaces.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                // The process is gone: it adds nothing more.
            }
        }
        return total;
    }
}
