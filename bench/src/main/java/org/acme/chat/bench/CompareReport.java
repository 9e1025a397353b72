package org.acme.chat.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Scenario {@code report}: reads the results files of a compare run ({@code <case>.<label>.<rep>.properties}, e.g.
 * {@code max-1x1000.native.1.properties}), keeps the better repetition of each case and server (lower memory per
 * connection for connect, lower p99 for fanout and cold, higher sustained rate for max), and writes the comparison
 * as a Markdown table to stdout and {@code --md}: one column per server (this service on the JVM, its native binary,
 * and the peer, last), the ratio of each of ours to the peer, the target and whether each of ours met it; and the
 * latency-vs-rate chart of the max runs to {@code --svg}.
 */
final class CompareReport {

    /** One server of the comparison: its label in file names and its name in the table. */
    private record Server(String label, String name, String color) {
    }

    /** A target for our servers: a test on (our value, the peer's value). */
    private interface Target extends BiPredicate<Double, Double> {
    }

    private static final String[] COLORS = { "#1f6feb", "#2da44e", "#e36209", "#8250df" };

    private final Map<String, Map<String, List<Results>>> byCase = new TreeMap<>();
    private final List<Server> ours;
    private final Server peer;
    private final List<String> lines = new ArrayList<>();
    private boolean generatorBoundSeen;

    private CompareReport(List<Server> ours, Server peer) {
        this.ours = ours;
        this.peer = peer;
    }

    static int run(Args args) throws IOException {
        Path dir = Path.of(args.string("results", "bench/results/raw"));
        String md = args.string("md", null);
        String svg = args.string("svg", null);
        String notes = args.string("notes", null);
        String[] labels = args.string("labels", "service,peer").split(",");
        String[] names = args.string("names", "this service,node ws").split(",");
        args.rejectUnused();
        if (labels.length != names.length || labels.length < 2) {
            throw new IllegalArgumentException("--labels and --names: as many of each, at least two, the peer last");
        }
        List<Server> servers = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            servers.add(new Server(labels[i].strip(), names[i].strip(), COLORS[Math.min(i, COLORS.length - 1)]));
        }
        CompareReport report = new CompareReport(servers.subList(0, servers.size() - 1),
                servers.get(servers.size() - 1));
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".properties")).sorted().forEach(report::add);
        }
        report.header();
        report.connectRows();
        report.fanoutRows("fanout-", "fanout");
        report.coldRows();
        report.maxRows();

        StringBuilder out = new StringBuilder();
        out.append("# Benchmark: ").append(String.join(", ", servers.stream().map(Server::name).toList()))
                .append("\n\n");
        if (notes != null && Files.exists(Path.of(notes))) {
            out.append(Files.readString(Path.of(notes), StandardCharsets.UTF_8).strip()).append("\n\n");
        }
        report.lines.forEach(line -> out.append(line).append('\n'));
        if (report.generatorBoundSeen) {
            out.append("\n(gen-bound): the ramp ended at a step where the generator used at least ")
                    .append(Math.round(MaxScenario.GENERATOR_BOUND * 100))
                    .append("% of its core, so that figure may be the generator's limit rather than the server's.\n");
        }
        if (svg != null) {
            write(svg, report.chart());
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

    private void header() {
        StringBuilder head = new StringBuilder("| metric |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Server s : all()) {
            head.append(' ').append(s.name()).append(" |");
            rule.append("---:|");
        }
        for (Server s : ours) {
            head.append(' ').append(s.name()).append("/peer |");
            rule.append("---:|");
        }
        head.append(" target | met? (").append(String.join(", ", ours.stream().map(Server::name).toList()))
                .append(") |");
        rule.append("---|---|");
        lines.add(head.toString());
        lines.add(rule.toString());
    }

    private List<Server> all() {
        List<Server> all = new ArrayList<>(ours);
        all.add(peer);
        return all;
    }

    /** The better repetition of a case for one server, by {@code key} (lowest or highest), or null if none ran. */
    private Results pick(String caseName, Server server, String key, boolean highest) {
        List<Results> runs = byCase.getOrDefault(caseName, Map.of()).getOrDefault(server.label(), List.of());
        Comparator<Results> order = Comparator.comparingDouble(r -> orZero(r.number(key)));
        return runs.stream().max(highest ? order : order.reversed()).orElse(null);
    }

    private Map<Server, Results> picks(String caseName, String key, boolean highest) {
        Map<Server, Results> picks = new LinkedHashMap<>();
        for (Server s : all()) {
            picks.put(s, pick(caseName, s, key, highest));
        }
        return picks;
    }

    private void connectRows() {
        Map<Server, Results> runs = picks("connect", "per_connection_kib", false);
        if (runs.values().stream().allMatch(r -> r == null)) {
            return;
        }
        row("connect: handshakes/s (" + count(runs, "connections") + " connections)", runs,
                r -> r.number("handshakes_per_s"), "%,.0f", "≥ 2× peer, 0 failures up to 15,000",
                (mine, theirs) -> mine >= 2 * theirs);
        row("connect: handshake time p99, ms (connect to welcome)", runs, r -> r.number("handshake_p99_ms"), "%.1f",
                "", null);
        row("connect: failed handshakes + dropped connections", runs,
                r -> r.number("failures") + r.number("lost"), "%,.0f", "0", (mine, theirs) -> mine == 0);
        row("memory per idle connection, KiB (RSS slope)", runs, r -> r.number("per_connection_kib"), "%.2f",
                "≤ peer", (mine, theirs) -> !(mine > theirs));
    }

    private void fanoutRows(String prefix, String label) {
        for (String caseName : cases(prefix)) {
            Map<Server, Results> runs = picks(caseName, "p99_ms", false);
            String shape = label + " " + shape(any(runs)) + String.format(Locale.ROOT, " at %,.0f msgs/s",
                    any(runs).number("rate"));
            row(shape + ": delivered copies/s", runs, r -> r.number("delivered_per_s"), "%,.0f", "", null);
            row(shape + ": delivery ratio", runs, r -> r.number("ratio") * 100, "%.4g%%", "100%",
                    (mine, theirs) -> mine == 100);
            row(shape + ": p50 latency, ms", runs, r -> r.number("p50_ms"), "%.2f", "", null);
            row(shape + ": p99 latency, ms", runs, r -> r.number("p99_ms"), "%.2f", "≤ 0.8× peer",
                    (mine, theirs) -> !(mine > 0.8 * theirs));
            row(shape + ": p99.9 latency, ms", runs, r -> r.number("p999_ms"), "%.2f", "", null);
            row(shape + ": max latency, ms", runs, r -> r.number("max_ms"), "%.2f", "", null);
            row(shape + ": server CPU per 1,000 copies, ms", runs, r -> r.number("server_cpu_ms_per_1000"), "%.2f",
                    "", null);
            row(shape + ": server heap allocation per copy, bytes", runs, r -> r.number("server_bytes_per_copy"),
                    "%,.0f", "", null);
        }
    }

    /** Cold runs: the same load from the moment readiness is UP; each server is held to its own warm p99. */
    private void coldRows() {
        for (String caseName : cases("cold-")) {
            Map<Server, Results> runs = picks(caseName, "p99_ms", false);
            String shape = "cold " + shape(any(runs)) + String.format(Locale.ROOT, " at %,.0f msgs/s, first %.0f s",
                    any(runs).number("rate"), any(runs).number("duration_s"));
            Map<Server, Results> warm = picks("fanout-" + caseName.substring("cold-".length()), "p99_ms", false);
            row(shape + ": p99 latency, ms", runs, r -> r.number("p99_ms"), "%.2f", "", null);
            row(shape + ": max latency, ms", runs, r -> r.number("max_ms"), "%.2f", "", null);
            row(shape + ": delivery ratio", runs, r -> r.number("ratio") * 100, "%.4g%%", "100%",
                    (mine, theirs) -> mine == 100);
            StringBuilder line = new StringBuilder("| " + shape + ": p99 cold / p99 warm of the same server |");
            List<String> verdicts = new ArrayList<>();
            for (Server s : all()) {
                double ratio = value(runs.get(s), "p99_ms") / value(warm.get(s), "p99_ms");
                line.append(' ').append(format("%.2f", ratio)).append(" |");
                if (ours.contains(s)) {
                    verdicts.add(Double.isNaN(ratio) ? "?" : ratio <= 2 ? "yes" : "no");
                }
            }
            ours.forEach(s -> line.append(" |"));
            line.append(" ≤ 2 | ").append(String.join(", ", verdicts)).append(" |");
            lines.add(line.toString());
        }
    }

    private void maxRows() {
        for (String caseName : cases("max-")) {
            Map<Server, Results> runs = picks(caseName, "best_delivered_per_s", true);
            String shape = "max " + shape(any(runs));
            row(shape + ": highest delivered copies/s at 100% and p99 ≤ "
                    + String.format(Locale.ROOT, "%.0f", any(runs).number("p99_limit_ms")) + " ms", runs,
                    r -> r.number("best_delivered_per_s"), "%,.0f", "≥ 2× peer", (mine, theirs) -> mine >= 2 * theirs,
                    this::marks);
            row(shape + ": p99 at that rate, ms", runs, r -> r.number("best_p99_ms"), "%.2f", "", null);
        }
    }

    private String chart() {
        List<Svg.Panel> panels = new ArrayList<>();
        double limit = 50;
        for (String caseName : cases("max-")) {
            List<Svg.Series> series = new ArrayList<>();
            Map<Server, Results> runs = picks(caseName, "best_delivered_per_s", true);
            for (Server s : all()) {
                Results r = runs.get(s);
                if (r != null) {
                    series.add(new Svg.Series(s.name(), s.color(), points(r)));
                    limit = orDefault(r.number("p99_limit_ms"), limit);
                }
            }
            panels.add(new Svg.Panel("p99 vs delivered rate, " + shape(any(runs)), series));
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
        if (!"true".equals(r.get("limit_found"))) {
            return " (≥, no limit found)";
        }
        if (r.number("stop_generator_cpu") >= MaxScenario.GENERATOR_BOUND) {
            generatorBoundSeen = true;
            return " (gen-bound)";
        }
        return "";
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

    /** One table row: each server's value, each of ours against the peer, the target and whether each of ours met it. */
    private void row(String metric, Map<Server, Results> runs, ToDoubleFunction<Results> value, String format,
            String target, Target met) {
        row(metric, runs, value, format, target, met, r -> "");
    }

    /** The same, with {@code mark} saying more next to a server's value. */
    private void row(String metric, Map<Server, Results> runs, ToDoubleFunction<Results> value, String format,
            String target, Target met, Function<Results, String> mark) {
        double theirs = runs.get(peer) == null ? Double.NaN : value.applyAsDouble(runs.get(peer));
        StringBuilder line = new StringBuilder("| " + metric + " |");
        for (Server s : all()) {
            line.append(' ').append(format(format, runs.get(s) == null ? Double.NaN
                    : value.applyAsDouble(runs.get(s)))).append(mark.apply(runs.get(s))).append(" |");
        }
        List<String> verdicts = new ArrayList<>();
        for (Server s : ours) {
            double mine = runs.get(s) == null ? Double.NaN : value.applyAsDouble(runs.get(s));
            line.append(' ').append(Double.isNaN(mine) || Double.isNaN(theirs) || theirs == 0 ? "-"
                    : String.format(Locale.ROOT, "%.2f", mine / theirs)).append(" |");
            verdicts.add(met == null ? "" : Double.isNaN(mine) ? "?" : met.test(mine, theirs) ? "yes" : "no");
        }
        line.append(' ').append(target).append(" | ")
                .append(met == null ? "" : String.join(", ", verdicts)).append(" |");
        lines.add(line.toString());
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

    private static Results any(Map<Server, Results> runs) {
        return runs.values().stream().filter(r -> r != null).findFirst().orElseThrow();
    }

    private static String count(Map<Server, Results> runs, String key) {
        return String.format(Locale.ROOT, "%,.0f", any(runs).number(key));
    }

    private static String shape(Results r) {
        return String.format(Locale.ROOT, "%,.0f room(s) × %,.0f members", r.number("rooms"), r.number("members"));
    }

    private static double value(Results r, String key) {
        return r == null ? Double.NaN : r.number(key);
    }

    private static String format(String format, double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, format, v);
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
