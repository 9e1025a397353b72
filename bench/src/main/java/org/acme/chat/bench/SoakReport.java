package org.acme.chat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The lines of a soak run's report, and its verdict: everything here is formatting of figures already taken. */
final class SoakReport {

    private final List<String> lines = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    void line(String text) {
        lines.add(text);
    }

    void fail(String why) {
        failures.add(why);
    }

    boolean passed() {
        return failures.isEmpty();
    }

    /**
     * The steady members' figures; fails the run on any lost or duplicated copy outside an outage window, and inside
     * one too when {@code judgeOutage}.
     */
    void ledger(Ledger.Tally t, boolean judgeOutage) {
        line(String.format(Locale.ROOT, "steady messages: %d posted, %d confirmed (ack or delivered), %d unconfirmed;"
                + " copies expected %d, delivered %d, lost %d, duplicated %d", t.posted(), t.confirmed(),
                t.unconfirmed(), t.expected(), t.delivered(), t.lost(), t.duplicated()));
        if (t.outagePosted() > 0) {
            line(String.format(Locale.ROOT, "  inside the Redis outage window: %d confirmed messages, copies lost %d,"
                    + " duplicated %d (%s)", t.outagePosted(), t.outageLost(), t.outageDuplicated(), judgeOutage
                    ? "judged: --judge-outage" : "not judged: with Redis away only members of the same node hear each"
                    + " other (docs/operations.md, Scaling out); --judge-outage true to fail on them"));
            if (judgeOutage && t.outageLost() + t.outageDuplicated() > 0) {
                fail((t.outageLost() + t.outageDuplicated()) + " steady copies lost or duplicated in the outage");
            }
        }
        if (t.lost() > 0) {
            fail(t.lost() + " steady copies lost");
        }
        if (t.duplicated() > 0) {
            fail(t.duplicated() + " steady copies duplicated");
        }
        if (t.confirmed() == 0) {
            fail("no steady message was confirmed: nothing was measured");
        }
    }

    /** One memory figure, start against end, judged against the budget. */
    void memory(String what, double start, double end, double percent, double slackMiB) {
        boolean ok = MemoryReading.within(start, end, percent, slackMiB * 1024 * 1024);
        line(String.format(Locale.ROOT, "  %s: start %s, end %s (%s) %s", what, mib(start), mib(end),
                change(start, end), ok ? "within budget" : "OVER BUDGET"));
        if (!ok) {
            fail(what + " grew from " + mib(start) + " to " + mib(end) + ", over +" + percent + "% / "
                    + slackMiB + " MiB");
        }
    }

    /** Counts by reason, most frequent first, one per line under a heading. */
    void counts(String heading, Map<String, Long> counts) {
        line(heading + (counts.isEmpty() ? " none" : ""));
        counts.forEach((reason, count) -> line(String.format(Locale.ROOT, "  %7d x %s", count, reason)));
    }

    List<String> lines() {
        List<String> all = new ArrayList<>(lines);
        all.add(passed() ? "verdict: PASS" : "verdict: FAIL (" + String.join("; ", failures) + ")");
        return all;
    }

    static String mib(double bytes) {
        return Double.isNaN(bytes) || bytes < 0 ? "-" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1024 / 1024);
    }

    static String change(double start, double end) {
        if (Double.isNaN(start) || Double.isNaN(end) || start <= 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%+.1f%%", (end - start) * 100 / start);
    }
}
