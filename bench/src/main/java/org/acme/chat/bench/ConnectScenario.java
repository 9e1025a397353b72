package org.acme.chat.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Scenario {@code connect}: opens {@code --connections} idle chat connections over {@code --rooms} rooms from
 * {@code ceil(connections / --per-process)} worker processes ({@link ConnectWorker}), each with its own source
 * address (a process may hold at most 20,000 open files here). A warm-up first opens and closes
 * {@code --warmup-connections} in other rooms from other addresses, so that neither side is measured while its JIT
 * compiler is busy. Then it opens {@code --measure-at} connections and the rest after them, reads the server's RSS at
 * both counts ({@code --server-pid}; a JVM gets a full GC by jcmd first), and reports handshakes/s over the opening
 * phases, failures by reason, and memory per idle connection as the slope between the two readings.
 */
final class ConnectScenario {

    /** One phase of opening: how many were welcomed, what failed, how long it took, the CPU it cost. */
    private record Phase(long welcomed, Failures failures, long nanos, Histogram joinMicros, double workerCores,
                         double serverCores) {

        double perSecond() {
            return welcomed * 1e9 / Math.max(1, nanos);
        }
    }

    private final ServerProcess server;
    private final Duration settle;
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final int[] opened;
    private final Results results = new Results();

    private ConnectScenario(ServerProcess server, Duration settle, int processes) {
        this.server = server;
        this.settle = settle;
        this.opened = new int[processes];
    }

    static int run(Args args) {
        Target target = Target.from(args);
        ServerProcess server = ServerProcess.from(args);
        int connections = args.integer("connections", 15_000);
        int measureAt = args.integer("measure-at", 2_000);
        int rooms = args.integer("rooms", 100);
        int perProcess = args.integer("per-process", 8_000);
        int concurrency = args.integer("concurrency", 100);
        Duration settle = args.duration("settle", Duration.ofSeconds(3));
        Duration hold = args.duration("hold", Duration.ZERO);
        int warmup = args.integer("warmup-connections", 1_000);
        String heap = args.string("worker-heap", "512m");
        String prefix = args.string("room-prefix", Target.randomPrefix("idle"));
        String out = args.string("out", null);
        args.rejectUnused();
        int processes = (connections + perProcess - 1) / perProcess;
        // Worker k connects from address k and warms up from address processes + k.
        List<String> sources = target.sources().size() >= 2 * processes ? target.sources()
                : Target.addresses(target.sources().get(0), 2 * processes);

        Report.heading("connect: %,d idle connections over %,d rooms, %d worker process(es)", connections, rooms,
                processes);
        Report.line("target:     ws://%s:%d, worker k connects from %s + k (warm-up from %s + k)", target.host(),
                target.port(), sources.get(0), sources.get(processes));
        Report.line("opening:    up to %d handshakes in flight per worker; memory read at %,d and %,d connections",
                concurrency, measureAt, connections);
        Report.line("%s", ServerProcess.pinning(server));
        ConnectScenario scenario = new ConnectScenario(server, settle, processes);
        scenario.results.put("scenario", "connect").put("connections", connections).put("rooms", rooms)
                .put("processes", processes).put("pinning", ServerProcess.pinning(server))
                .put("server", server == null ? "unknown" : server.name());
        try {
            for (int k = 0; k < processes; k++) {
                scenario.workers.add(WorkerProcess.start(heap, List.of("--host", target.host(),
                        "--port", String.valueOf(target.port()), "--source", sources.get(k),
                        "--warm-source", sources.get(processes + k), "--worker", String.valueOf(k),
                        "--rooms", String.valueOf(rooms), "--concurrency", String.valueOf(concurrency),
                        "--room-prefix", prefix)));
            }
            boolean clean = scenario.measure(warmup, measureAt, connections, hold, concurrency);
            scenario.results.save(out);
            return clean ? 0 : 1;
        } finally {
            scenario.workers.forEach(WorkerProcess::close);
        }
    }

    /** Warm-up, then the opening phases with a memory reading after each; true if nothing failed or dropped. */
    private boolean measure(int warmup, int measureAt, int connections, Duration hold, int concurrency) {
        if (warmup > 0) {
            Phase warm = open("warm", new int[workers.size()], warmup);
            Report.line("warm-up: opened and closed %,d connections in other rooms (%,.0f handshakes/s, not counted;"
                    + " failures: %s)", warm.welcomed(), warm.perSecond(), warm.failures());
        }
        long baseline = server == null ? 0 : memory("no connections");
        List<Integer> counts = measureAt > 0 && measureAt < connections ? List.of(measureAt, connections)
                : List.of(connections);
        long[] held = new long[counts.size()];
        long[] rss = new long[counts.size()];
        Failures failures = new Failures();
        Histogram joins = new Histogram(3);
        long welcomed = 0;
        long nanos = 0;
        for (int p = 0; p < counts.size(); p++) {
            Phase phase = open("open", opened, counts.get(p));
            Report.line("opened %,d in %.2f s: %,.0f handshakes/s (connect to welcome: %s); CPU: workers %s,"
                    + " server %s; failures: %s", phase.welcomed(), phase.nanos() / 1e9, phase.perSecond(),
                    Histograms.summaryMs(phase.joinMicros()), Report.cores(phase.workerCores()),
                    Report.cores(phase.serverCores()), phase.failures());
            failures.addAll(phase.failures());
            joins.add(phase.joinMicros());
            welcomed += phase.welcomed();
            nanos += phase.nanos();
            held[p] = status(new Failures());
            rss[p] = server == null ? 0 : memory(String.format("%,d connections held", held[p]));
        }
        if (!hold.isZero()) {
            Report.line("holding the connections for %d s", hold.toSeconds());
            pace(hold);
        }
        Failures lost = new Failures();
        long finalHeld = status(lost);
        double rate = welcomed * 1e9 / Math.max(1, nanos);
        Report.line("");
        Report.line("handshakes:           %,.0f/s over the opening phases (%,d welcomed in %.2f s)", rate,
                welcomed, nanos / 1e9);
        Report.line("handshake time:       %s (TCP connect to welcome, %d in flight per worker)",
                Histograms.summaryMs(joins), concurrency);
        Report.line("failures:             %s", failures);
        Report.line("closed by the server: %s", lost);
        Report.line("held at the end:      %,d of %,d", finalHeld, connections);
        results.put("handshakes_per_s", rate).put("handshake_p99_ms", joins.getValueAtPercentile(99) / 1000.0)
                .put("welcomed", welcomed).put("failures", failures.total())
                .put("failure_reasons", failures.toString()).put("lost", lost.total())
                .put("lost_reasons", lost.toString()).put("held", finalHeld);
        if (server != null) {
            reportMemory(baseline, held, rss);
        }
        return failures.total() == 0 && lost.total() == 0;
    }

    /** Brings the workers, all at once, to {@code total} connections between them ({@code command} open or warm). */
    private Phase open(String command, int[] done, int total) {
        CpuMeter workerCpu = CpuMeter.start(workers.stream().map(WorkerProcess::pid).toList());
        CpuMeter serverCpu = server == null ? null : CpuMeter.start(List.of(server.pid));
        long start = System.nanoTime();
        int[] asked = new int[workers.size()];
        for (int k = 0; k < workers.size(); k++) {
            int share = total / workers.size() + (k < total % workers.size() ? 1 : 0);
            asked[k] = Math.max(0, share - done[k]);
            workers.get(k).send(command + " " + asked[k]);
        }
        Failures failures = new Failures();
        Histogram joinMicros = new Histogram(3);
        long welcomed = 0;
        for (int k = 0; k < workers.size(); k++) {
            WorkerProcess.Reply reply = workers.get(k).await(command.equals("open") ? "opened" : "warmed", "failure");
            welcomed += reply.number(0);
            joinMicros.add(Histograms.decode(reply.fields()[3]));
            done[k] += asked[k];
            failures.addAll(reply.reasons());
        }
        return new Phase(welcomed, failures, System.nanoTime() - start, joinMicros, workerCpu.cores(),
                serverCpu == null ? Double.NaN : serverCpu.cores());
    }

    /** Connections still open over all workers; adds the reasons of those the server closed to {@code lost}. */
    private long status(Failures lost) {
        long held = 0;
        for (WorkerProcess worker : workers) {
            worker.send("status");
            WorkerProcess.Reply reply = worker.await("held", "lost");
            held += reply.number(0);
            lost.addAll(reply.reasons());
        }
        return held;
    }

    /** The server's RSS in KiB, after a full GC (JVM only) and {@code --settle}. */
    private long memory(String when) {
        String gc = server.collectGarbage();
        pace(settle);
        long kib = server.rssKib();
        Report.line("server RSS: %,d KiB with %s (%s, then %d s settling)", kib, when, gc, settle.toSeconds());
        return kib;
    }

    private void reportMemory(long baseline, long[] held, long[] rss) {
        int last = held.length - 1;
        results.put("rss_baseline_kib", baseline).put("rss_kib", rss[last])
                .put("gc", server.isJava() ? "jcmd GC.run" : "none");
        Report.line("server RSS:           %,d KiB idle, %,d KiB with %,d connections", baseline, rss[last],
                held[last]);
        if (last > 0 && held[last] > held[0]) {
            double slope = (rss[last] - rss[0]) / (double) (held[last] - held[0]);
            Report.line("memory per idle connection: %.2f KiB (slope from %,d to %,d connections: %,d -> %,d KiB)",
                    slope, held[0], held[last], rss[0], rss[last]);
            results.put("per_connection_kib", slope).put("n1", held[0]).put("n2", held[last])
                    .put("rss_n1_kib", rss[0]).put("rss_n2_kib", rss[last]);
        } else if (held[last] > 0) {
            double average = (rss[last] - baseline) / (double) held[last];
            Report.line("memory per idle connection: %.2f KiB (average over %,d connections above the idle RSS)",
                    average, held[last]);
            results.put("per_connection_kib", average).put("n1", 0).put("n2", held[last]);
        }
    }

    private static void pace(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
