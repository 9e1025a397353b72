package org.acme.chat.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoublePredicate;
import java.util.stream.Stream;

/**
 * Scenario {@code report}: reads the results files of a compare run ({@code <case>.<label>.<rep>.properties}, e.g.
 * {@code max-1x1000.service.1.properties}), keeps the better repetition of each case and server (lower memory per
 * connection for connect, lower p99 for fanout, higher sustained rate for max), and writes the comparison as a
 * Markdown table (metric | this service | peer | ratio this/peer | target | met?) to stdout and {@code --md}, and
 * the latency-vs-rate chart of the max runs to {@code --svg}.
 */
final class CompareReport {

    /** One table row; {@code met} is null where the row has no target. */
    private record Row(String metric, String thisValue, String peerValue, String ratio, String target, String met) {
    }

    private final Map<String, Map<String, List<Results>>> byCase = new TreeMap<>();
    private final String thisLabel;
    private final String peerLabel;
    private final List<Row> rows = new ArrayList<>();
    private boolean generatorBoundSeen;

    private CompareReport(String thisLabel, String peerLabel) {
        this.thisLabel = thisLabel;
        this.peerLabel = peerLabel;
    }

    static int run(Args args) throws IOException {
        Path dir = Path.of(args.string("results", "bench/results/raw"));
        String md = args.string("md", null);
        String svg = args.string("svg", null);
        String notes = args.string("notes", null);
        String thisLabel = args.string("this-label", "service");
        String peerLabel = args.string("peer-label", "peer");
        String thisName = args.string("this-name", "this service");
        String peerName = args.string("peer-name", "node ws");
        args.rejectUnused();

        CompareReport report = new CompareReport(thisLabel, peerLabel);
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".properties")).sorted().forEach(report::add);
        }
        report.connectRows();
        report.fanoutRows();
        report.maxRows();

        StringBuilder out = new StringBuilder();
        out.append("# Benchmark: ").append(thisName).append(" vs ").append(peerName).append("\n\n");
        if (notes != null && Files.exists(Path.of(notes))) {
            out.append(Files.readString(Path.of(notes), StandardCharsets.UTF_8).strip()).append("\n\n");
        }
        out.append("| metric | ").append(thisName).append(" | ").append(peerName)
                .append(" | ratio this/peer | target | met? |\n|---|---:|---:|---:|---|---|\n");
        for (Row r : report.rows) {
            out.append("| ").append(r.metric()).append(" | ").append(r.thisValue()).append(" | ").append(r.peerValue())
                    .append(" | ").append(r.ratio()).append(" | ").append(r.target()).append(" | ")
                    .append(r.met() == null ? "" : r.met()).append(" |\n");
        }
        if (report.generatorBoundSeen) {
            out.append("\n(gen-bound): the ramp ended at a step where the generator used at least ")
                    .append(Math.round(MaxScenario.GENERATOR_BOUND * 100))
                    .append("% of its core, so that figure may be the generator's limit rather than the server's.\n");
        }
        if (svg != null) {
            write(svg, report.chart(thisName, peerName));
            out.append("\n![p99 latency vs delivered rate](").append(Path.of(svg).getFileName()).append(")\n");
        }
        System.out.print(out);
        if (md != null) {
            write(md, out.toString());
        }
        return 0;
    }

    private void add(Path file) {
        String[] parts = file.getFileName().toString().split("\\.");
        if (parts.length < 3) {
            return;
        }
        byCase.computeIfAbsent(parts[0], c -> new TreeMap<>())
                .computeIfAbsent(parts[1], l -> new ArrayList<>()).add(Results.load(file));
    }

    /** The better repetition of a case for one server, by {@code key} (lowest or highest), or null if none ran. */
    private Results pick(String caseName, String label, String key, boolean highest) {
        List<Results> runs = byCase.getOrDefault(caseName, Map.of()).getOrDefault(label, List.of());
        Comparator<Results> order = Comparator.comparingDouble(r -> orZero(r.number(key)));
        return runs.stream().max(highest ? order : order.reversed()).orElse(null);
    }

    private void connectRows() {
        Results mine = pick("connect", thisLabel, "per_connection_kib", false);
        Results theirs = pick("connect", peerLabel, "per_connection_kib", false);
        if (mine == null && theirs == null) {
            return;
        }
        double connections = mine == null ? Double.NaN : mine.number("connections");
        String upTo = String.format(Locale.ROOT, "%,.0f", connections);
        row("connect: handshakes/s (" + upTo + " connections)", mine, theirs, "handshakes_per_s", "%,.0f",
                "≥ 3,000/s, 0 failures, up to 15,000",
                v -> v >= 3000 && mine.number("failures") == 0 && mine.number("lost") == 0);
        if (mine != null && connections < 15_000) {
            rows.set(rows.size() - 1, withMet(rows.get(rows.size() - 1), rows.get(rows.size() - 1).met()
                    + " (only " + upTo + " tried)"));
        }
        row("connect: handshake time p99, ms (connect to welcome)", mine, theirs, "handshake_p99_ms", "%.1f", "",
                null);
        row("connect: failed handshakes + dropped connections", sum(mine, "failures", "lost"),
                sum(theirs, "failures", "lost"), "%,.0f", "0", v -> v == 0);
        double peerKib = theirs == null ? Double.NaN : theirs.number("per_connection_kib");
        row("memory per idle connection, KiB (RSS slope " + span(mine) + ")", value(mine, "per_connection_kib"),
                value(theirs, "per_connection_kib"), "%.2f", "≤ 10 KiB and ≤ peer",
                v -> v <= 10 && !(v > peerKib));
    }

    private void fanoutRows() {
        for (String caseName : cases("fanout-")) {
            Results mine = pick(caseName, thisLabel, "p99_ms", false);
            Results theirs = pick(caseName, peerLabel, "p99_ms", false);
            Results any = mine != null ? mine : theirs;
            String shape = shape(any) + String.format(Locale.ROOT, " at %,.0f msgs/s", any.number("rate"));
            row("fanout " + shape + ": delivered copies/s", mine, theirs, "delivered_per_s", "%,.0f", "", null);
            Row ratio = new Row("fanout " + shape + ": delivery ratio", percent(mine), percent(theirs), "", "100%",
                    mine == null ? "?" : mine.number("ratio") == 1.0 ? "yes" : "no");
            rows.add(ratio);
            double peerP99 = theirs == null ? Double.NaN : theirs.number("p99_ms");
            row("fanout " + shape + ": p50 latency, ms", mine, theirs, "p50_ms", "%.2f", "", null);
            row("fanout " + shape + ": p99 latency, ms", mine, theirs, "p99_ms", "%.2f", "≤ peer",
                    v -> !(v > peerP99));
            row("fanout " + shape + ": p99.9 latency, ms", mine, theirs, "p999_ms", "%.2f", "", null);
            row("fanout " + shape + ": max latency, ms", mine, theirs, "max_ms", "%.2f", "", null);
        }
    }

    private void maxRows() {
        for (String caseName : cases("max-")) {
            Results mine = pick(caseName, thisLabel, "best_delivered_per_s", true);
            Results theirs = pick(caseName, peerLabel, "best_delivered_per_s", true);
            Results any = mine != null ? mine : theirs;
            double peerBest = theirs == null ? Double.NaN : theirs.number("best_delivered_per_s");
            row("max " + shape(any) + ": highest delivered copies/s at 100% and p99 ≤ "
                    + String.format(Locale.ROOT, "%.0f", any.number("p99_limit_ms")) + " ms", mine, theirs,
                    "best_delivered_per_s", "%,.0f", "≥ 2× peer", v -> v >= 2 * peerBest);
            Row best = rows.get(rows.size() - 1);
            boolean bothFound = limitFound(mine) && limitFound(theirs);
            rows.set(rows.size() - 1, new Row(best.metric(), best.thisValue() + marks(mine),
                    best.peerValue() + marks(theirs), best.ratio(), best.target(),
                    bothFound || best.met() == null ? best.met() : "? (no limit found)"));
            row("max " + shape(any) + ": p99 at that rate, ms", mine, theirs, "best_p99_ms", "%.2f", "", null);
        }
    }

    private String chart(String thisName, String peerName) {
        List<Svg.Panel> panels = new ArrayList<>();
        double limit = 50;
        for (String caseName : cases("max-")) {
            List<Svg.Series> series = new ArrayList<>();
            Results mine = pick(caseName, thisLabel, "best_delivered_per_s", true);
            Results theirs = pick(caseName, peerLabel, "best_delivered_per_s", true);
            if (mine != null) {
                series.add(new Svg.Series(thisName, "#1f6feb", points(mine)));
                limit = orDefault(mine.number("p99_limit_ms"), limit);
            }
            if (theirs != null) {
                series.add(new Svg.Series(peerName, "#e36209", points(theirs)));
            }
            Results any = mine != null ? mine : theirs;
            panels.add(new Svg.Panel("p99 vs delivered rate, " + shape(any), series));
        }
        return Svg.render(panels, limit);
    }

    /**
     * Marks on a max figure: {@code (gen-bound)} when the ramp ended at a step where the generator's own core was
     * (nearly) full, {@code (≥, no limit found)} when it ran out of steps before any step failed.
     */
    private String marks(Results r) {
        if (r == null) {
            return "";
        }
        if (!limitFound(r)) {
            return " (≥, no limit found)";
        }
        if (r.number("stop_generator_cpu") >= MaxScenario.GENERATOR_BOUND) {
            generatorBoundSeen = true;
            return " (gen-bound)";
        }
        return "";
    }

    private static boolean limitFound(Results r) {
        return r != null && "true".equals(r.get("limit_found"));
    }

    private static List<Svg.Point> points(Results r) {
        List<Svg.Point> points = new ArrayList<>();
        for (int k = 1; k <= (int) orZero(r.number("steps")); k++) {
            String p = "step." + k + ".";
            points.add(new Svg.Point(r.number(p + "delivered_per_s"), r.number(p + "p99_ms"),
                    "true".equals(r.get(p + "complete")) && r.number(p + "p99_ms") <= r.number("p99_limit_ms")));
        }
        points.sort(Comparator.comparingDouble(Svg.Point::x));
        return points;
    }

    private void row(String metric, Results mine, Results theirs, String key, String format, String target,
            DoublePredicate met) {
        row(metric, value(mine, key), value(theirs, key), format, target, met);
    }

    private void row(String metric, double mine, double theirs, String format, String target, DoublePredicate met) {
        String ratio = Double.isNaN(mine) || Double.isNaN(theirs) || theirs == 0 ? "-"
                : String.format(Locale.ROOT, "%.2f", mine / theirs);
        String verdict = met == null ? null : Double.isNaN(mine) ? "?" : met.test(mine) ? "yes" : "no";
        rows.add(new Row(metric, format(format, mine), format(format, theirs), ratio, target, verdict));
    }

    private static Row withMet(Row r, String met) {
        return new Row(r.metric(), r.thisValue(), r.peerValue(), r.ratio(), r.target(), met);
    }

    /** The cases of a scenario, biggest rooms first (1 x 1,000 before 100 x 10). */
    private List<String> cases(String prefix) {
        return byCase.keySet().stream().filter(c -> c.startsWith(prefix))
                .sorted(Comparator.comparingDouble((String c) -> -members(c)).thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    private double members(String caseName) {
        return byCase.get(caseName).values().stream().flatMap(List::stream).findFirst()
                .map(r -> r.number("members")).orElse(0.0);
    }

    private static String shape(Results r) {
        return String.format(Locale.ROOT, "%,.0f room(s) × %,.0f members", r.number("rooms"), r.number("members"));
    }

    private static String span(Results r) {
        return r == null ? "" : String.format(Locale.ROOT, "%,.0f → %,.0f", r.number("n1"), r.number("n2"));
    }

    private static String percent(Results r) {
        return r == null ? "-" : Report.percent(r.number("ratio"));
    }

    private static double value(Results r, String key) {
        return r == null ? Double.NaN : r.number(key);
    }

    private static double sum(Results r, String a, String b) {
        return r == null ? Double.NaN : r.number(a) + r.number(b);
    }

    private static String format(String format, double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static double orDefault(double v, double otherwise) {
        return Double.isNaN(v) ? otherwise : v;
    }

    private static void write(String path, String text) {
        try {
            Path file = Path.of(path);
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
