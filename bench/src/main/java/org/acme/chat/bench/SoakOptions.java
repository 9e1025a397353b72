package org.acme.chat.bench;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The soak scenario's flags (see {@link Main}): which run, how long, the server command, the steady load, the
 * abusers and the memory budget.
 */
record SoakOptions(String mode, Duration duration, Duration warmup, Duration drain, List<String> serverCommand,
                   boolean nativeBinary, List<String> serverSettings, String metricsPath,
                   File logDir, int rooms, int membersPerRoom, double steadyRate, String steadySource,
                   String abuseSource, int abuseSources, double churnRate, int flooders, int neverReaders,
                   int idleConnections, int halfLines, int maxFrameBytes, int fragments, double rssBudgetPercent,
                   double heapBudgetPercent, double budgetSlackMiB, boolean judgeOutage, String serverCpus) {

    static final List<String> MODES = List.of("single", "redis", "rolling");

    static SoakOptions from(Args args) {
        String mode = args.string("mode", "single");
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("--mode must be one of " + MODES + ", got '" + mode + "'");
        }
        String jar = args.string("server-jar", "target/quarkus-app/quarkus-run.jar");
        String bin = args.string("server-bin", "");
        String opts = args.string("server-opts", "-Xmx256m");
        String cpus = args.string("server-cpus", "");
        List<String> command = new ArrayList<>();
        if (!cpus.isEmpty()) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        if (bin.isEmpty()) {
            command.add("java");
            command.addAll(words(opts));
            command.addAll(List.of("-jar", jar));
        } else {
            command.add(bin);
            command.addAll(words(opts));
        }
        SoakOptions options = new SoakOptions(mode, args.duration("duration", Duration.ofMinutes(1)),
                args.duration("warmup", Duration.ofSeconds(15)), args.duration("drain", Duration.ofSeconds(10)),
                command, !bin.isEmpty(), words(args.string("server-settings", "")),
                args.string("metrics-path", "/q/metrics"),
                new File(args.string("log-dir", "bench/results/raw")), args.integer("rooms", 4),
                args.integer("members", 8), args.decimal("steady-rate", 1), args.string("source", "127.0.0.2"),
                args.string("abuse-source", "127.0.0.3"), args.integer("abuse-sources", 8),
                args.decimal("churn-rate", 5), args.integer("flooders", 2), args.integer("never-readers", 4),
                args.integer("idle-connections", 10), args.integer("half-lines", 10),
                args.integer("max-frame-bytes", 65536), args.integer("fragments", 2000),
                args.decimal("rss-budget-percent", 30), args.decimal("heap-budget-percent", 25),
                args.decimal("budget-slack-mib", 16), Boolean.parseBoolean(args.string("judge-outage", "false")), cpus);
        if (options.rooms < 1 || options.membersPerRoom < 2 || options.steadyRate <= 0) {
            throw new IllegalArgumentException("--rooms >= 1, --members >= 2 and --steady-rate > 0 are needed");
        }
        if (options.warmup.compareTo(options.duration) >= 0) {
            throw new IllegalArgumentException("--warmup must be shorter than --duration");
        }
        return options;
    }

    List<String> pin() {
        return serverCpus.isEmpty() ? List.of() : List.of("taskset", "-c", serverCpus);
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
    }
}
