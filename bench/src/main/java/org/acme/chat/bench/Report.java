package org.acme.chat.bench;

import java.util.Locale;

/** Plain-text output: one formatted line at a time, numbers with thousands separators, flushed at once. */
final class Report {

    private Report() {
    }

    static void line(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    static void heading(String format, Object... args) {
        String title = String.format(Locale.ROOT, format, args);
        line("");
        line("== %s", title);
    }

    static String percent(double ratio) {
        return ratio == 1.0 ? "100%" : String.format(Locale.ROOT, "%.4f%%", ratio * 100);
    }

    static String ms(double millis) {
        return Double.isNaN(millis) ? "-" : String.format(Locale.ROOT, "%.2f ms", millis);
    }

    /** The header of a step table, matching {@link #stepRow}. */
    static void stepHeader() {
        line("%5s %10s %12s %12s %9s %8s %8s %8s %8s %7s %7s %7s  %s", "step", "msgs/s", "offered/s",
                "delivered/s", "ratio", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "lag ms", "gen cpu", "srv cpu",
                "problems");
    }

    /** One step: the publish rate, the copies per second offered and delivered, the ratio, latency, sender lag. */
    static void stepRow(StepResult r) {
        line("%5d %,10.0f %,12.0f %,12.0f %9s %8.2f %8.2f %8.2f %8.2f %7.1f %7s %7s  %s", r.step(), r.offeredRate(),
                r.offeredDeliveries(), r.deliveredPerSecond(), percent(r.ratio()), r.percentileMs(50),
                r.percentileMs(99), r.percentileMs(99.9), r.maxMs(), r.sent().maxLagMs(), cores(r.generatorCores()),
                cores(r.serverCores()), r.problems().isEmpty() ? "none" : r.problems());
    }

    /** The full account of one step, for the fanout scenario. */
    static void stepDetails(StepResult r) {
        double sentPerSecond = r.sent().seconds() > 0 ? r.sent().messages() / r.sent().seconds() : 0;
        line("messages sent:        %,d in %.2f s (%,.0f/s; asked for %,.0f/s; worst lag behind schedule %.1f ms)",
                r.sent().messages(), r.sent().seconds(), sentPerSecond, r.offeredRate(), r.sent().maxLagMs());
        line("copies expected:      %,d (%,d messages x %d members per room)", r.expected(), r.sent().messages(),
                r.membersPerRoom());
        line("copies delivered:     %,d, missing %,d, duplicates %,d, wrong room %,d, unreadable %,d, stale %,d",
                r.delivered(), r.missing(), r.duplicates(), r.misrouted(), r.unreadable(), r.stale());
        line("delivery ratio:       %s%s", percent(r.ratio()), r.ratio() == 1.0 ? "" : "  (must be 100%)");
        line("delivered rate:       %,.0f copies/s (first send to last copy: %.2f s)", r.deliveredPerSecond(),
                r.deliverySeconds());
        line("latency (send->recv): p50 %s  p99 %s  p99.9 %s  max %s  (%,d samples)", ms(r.percentileMs(50)),
                ms(r.percentileMs(99)), ms(r.percentileMs(99.9)), ms(r.maxMs()), r.latency().getTotalCount());
        line("CPU over the step:    generator %s, server %s (of one core)", cores(r.generatorCores()),
                cores(r.serverCores()));
        line("server per copy:      %s CPU per 1,000 copies, %s allocated per copy", msOrDash(
                r.serverCpuMsPerThousandCopies()), Double.isNaN(r.serverBytesPerCopy()) ? "-"
                : String.format(Locale.ROOT, "%,.0f bytes", r.serverBytesPerCopy()));
        line("problems:             %s", r.problems().isEmpty() ? "none" : r.problems());
    }

    private static String msOrDash(double ms) {
        return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.2f ms", ms);
    }

    /** A CPU share as a percentage of one core, or "-" when unknown. */
    static String cores(double cores) {
        return Double.isNaN(cores) ? "-" : String.format(Locale.ROOT, "%.0f%%", cores * 100);
    }
}
