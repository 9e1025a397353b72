package org.acme.chat.bench;

import org.HdrHistogram.Histogram;

/**
 * What one fan-out step measured. {@code expected} is messages sent times members per room; a copy counts as
 * delivered once per member and message ({@code missing} and {@code duplicates} are counted per message, so they
 * cannot cancel out). The delivered rate is the copies received over the time from the first send to the last copy.
 * CPU use of the generator and the server over the step is in cores (NaN where the server's pid is unknown); the
 * server's CPU time and heap allocation over the step are also given per delivered copy (NaN where unknown).
 */
record StepResult(int step, double offeredRate, int membersPerRoom, Pacer.Sent sent, long expected, long received,
                  long missing, long duplicates, long misrouted, long stale, long unreadable, double deliverySeconds,
                  Histogram latency, long closes, long errorFrames, double generatorCores, double serverCores,
                  double serverCpuSeconds, double serverAllocatedBytes) {

    long delivered() {
        return expected - missing;
    }

    /** Delivered copies over expected copies: 1.0 exactly when every member got every message. */
    double ratio() {
        return expected == 0 ? 0 : (double) delivered() / expected;
    }

    double deliveredPerSecond() {
        return deliverySeconds == 0 ? 0 : delivered() / deliverySeconds;
    }

    /** Copies the step expected per second: the offered publish rate times the members per room. */
    double offeredDeliveries() {
        return offeredRate * membersPerRoom;
    }

    /** Server CPU time per 1,000 delivered copies, in ms. */
    double serverCpuMsPerThousandCopies() {
        return delivered() == 0 ? Double.NaN : serverCpuSeconds * 1e6 / delivered();
    }

    /** Bytes the server allocated on its heap per delivered copy. */
    double serverBytesPerCopy() {
        return delivered() == 0 ? Double.NaN : serverAllocatedBytes / delivered();
    }

    boolean complete() {
        return expected > 0 && missing == 0 && duplicates == 0 && misrouted == 0 && unreadable == 0 && closes == 0;
    }

    double percentileMs(double percentile) {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMs() {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0;
    }

    /** What went wrong, or an empty string. */
    String problems() {
        StringBuilder s = new StringBuilder();
        append(s, missing, "copies missing");
        append(s, duplicates, "duplicate copies");
        append(s, misrouted, "copies delivered to another room");
        append(s, unreadable, "unreadable message frames");
        append(s, closes, "connections closed");
        append(s, errorFrames, "error frames");
        return s.toString();
    }

    private static void append(StringBuilder s, long count, String what) {
        if (count > 0) {
            s.append(s.length() == 0 ? "" : ", ").append(count).append(' ').append(what);
        }
    }
}
