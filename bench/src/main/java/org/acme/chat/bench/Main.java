package org.acme.chat.bench;

import java.util.Arrays;

/**
 * Entry point: {@code java -jar chat-bench.jar <scenario> [--flag value ...]}. Scenarios: {@code connect},
 * {@code fanout}, {@code max}, {@code soak}; {@code report} assembles the comparison of saved results; {@code connect-worker} is
 * the child process the connect scenario starts. Exit status: 0 when the scenario met its own correctness bar
 * (no failures, 100% delivery), 1 when it ran but did not, 2 on a usage error.
 */
public final class Main {

    private static final String USAGE = """
            usage: java -jar chat-bench.jar <scenario> [--flag value ...]   (protocol v1, ws://HOST:PORT/chat/{room})

            common:  --host 127.0.0.1 --port 8080 --source 127.0.0.2 (first local address) --sources 1
                     --server-pid PID (RSS, and the CPU pinning check) --out FILE (results as properties)
            connect: --connections 15000 --measure-at 2000 --rooms 100 --per-process 8000 --concurrency 100
                     --settle 3s --hold 0s --worker-heap 512m
            fanout:  --rooms 1 --members 100 --publishers <rooms> --rate 100 (messages/s in total) --size 100
                     --duration 10s --warmup 3s --drain 5s --threads <cpus> --concurrency 100
                     --management-port 9000 (the server's /q/metrics)
            max:     the fanout flags but --rate/--duration, and --start-rate 100 --factor 1.5 --max-steps 12
                     --step-duration 5s --p99-limit 50ms --refine 1 --pause 1s
            soak:    --mode single|redis|rolling --duration 1m --warmup 15s --drain 10s --server-jar PATH | --server-bin PATH
                     --server-opts -Xmx256m --server-settings "-Dk=v ..." --server-cpus 0
                     --metrics-path /q/metrics --log-dir bench/results/raw --rooms 4 --members 8 --steady-rate 1
                     --source 127.0.0.2 --abuse-source 127.0.0.3 --abuse-sources 8 --churn-rate 5 --flooders 2
                     --never-readers 4 --idle-connections 10 --half-lines 10 --max-frame-bytes 65536 --fragments 2000
                     --rss-budget-percent 30 --heap-budget-percent 25 --budget-slack-mib 16 --judge-outage false
            report:  --results DIR --md FILE --svg FILE --labels service,native,peer --names "JVM,native,node ws" (peer last)
            """;

    private Main() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("help")) {
            System.out.print(USAGE);
            System.exit(argv.length == 0 ? 2 : 0);
        }
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        int status;
        try {
            Args args = new Args(rest);
            status = switch (argv[0]) {
                case "connect" -> ConnectScenario.run(args);
                case "fanout" -> FanoutScenario.run(args);
                case "max" -> MaxScenario.run(args);
                case "soak" -> SoakScenario.run(args);
                case "report" -> CompareReport.run(args);
                case "connect-worker" -> ConnectWorker.run(args);
                default -> throw new IllegalArgumentException("unknown scenario '" + argv[0] + "'");
            };
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            status = 2;
        } catch (IllegalStateException e) {
            System.out.println("FAILED: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }
}
