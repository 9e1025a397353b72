package org.acme.chat.bench;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The soak: steady members who count every message, and abusers, against one node ({@code --mode single}), two
 * nodes on Redis with Redis restarted half-way ({@code redis}), or two nodes on Redis replaced one at a time while
 * members keep talking ({@code rolling}). The {@link Cluster} starts and stops the servers and Redis; this class
 * runs the traffic, times the restarts, reads memory after warm-up and at the end, and reports. Exit status 1 when a
 * steady copy was lost or duplicated or memory grew past the budget.
 */
final class SoakScenario {

    /** Vert.x logs every connection the server resets (the abusers' lot) at SEVERE: kept quiet, held strongly. */
    private static final Logger RESETS = Logger.getLogger("io.vertx.core.net.impl.ConnectionBase");

    private final SoakOptions options;
    private final Cluster cluster;
    private final SoakReport report = new SoakReport();
    private final Ledger ledger;
    private final Failures steadyEvents = new Failures();
    private final Failures outcomes = new Failures();

    private SoakScenario(SoakOptions options) {
        this.options = options;
        this.cluster = new Cluster(options);
        this.ledger = new Ledger(Collections.nCopies(options.rooms(), options.membersPerRoom()));
    }

    static int run(Args args) throws Exception {
        SoakOptions options = SoakOptions.from(args);
        args.rejectUnused();
        RESETS.setLevel(Level.OFF);
        options.logDir().mkdirs();
        SoakScenario soak = new SoakScenario(options);
        Thread killer = new Thread(soak.cluster::kill, "soak-cleanup");
        Runtime.getRuntime().addShutdownHook(killer);
        try (Cluster cluster = soak.cluster) {
            cluster.start(options.mode().equals("single") ? 1 : 2);
            soak.soak();
        }
        soak.report.lines().forEach(System.out::println);
        return soak.report.passed() ? 0 : 1;
    }

    private void soak() throws Exception {
        say("%s run: %s for %s (warm-up %s), server: %s", options.mode(), cluster.size() == 1 ? "one node"
                : "two nodes on Redis (port " + cluster.redis().port + ")", options.duration(), options.warmup(),
                String.join(" ", options.serverCommand()));
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(cluster::sampleCpu, 0, 1, TimeUnit.SECONDS);
        CpuMeter generatorCpu = CpuMeter.self();
        long begin = System.nanoTime();
        String prefix = Target.randomPrefix("soak");
        int total = options.rooms() * options.membersPerRoom();
        List<String> abuseSources = Target.addresses(options.abuseSource(), options.abuseSources());
        try (ChatClient steadyClient = new ChatClient(new Target("127.0.0.1", 0,
                Target.addresses(options.steadySource(), (total + 39) / 40)), 2, Duration.ofSeconds(10));
             ChatClient abuseClient = new ChatClient(new Target("127.0.0.1", 0, abuseSources), 1,
                     Duration.ofSeconds(10))) {
            List<String> rooms = new ArrayList<>();
            for (int r = 0; r < options.rooms(); r++) {
                rooms.add(prefix + "r" + r);
            }
            List<SteadyMember> members = joinSteadyMembers(steadyClient, rooms);
            List<Long> posters = startPosting(steadyClient, members);
            WsAbusers ws = new WsAbusers(options, abuseClient, cluster.router, rooms, prefix + "abuse", outcomes);
            TcpAbusers tcp = new TcpAbusers(abuseClient.vertx(), abuseSources, cluster.router, outcomes);
            ws.start();
            tcp.start(options.idleConnections(), options.halfLines());
            say("%d steady members in %d rooms posting %.1f/s each; abusers started", total, options.rooms(),
                    options.steadyRate());

            sleepUntil(begin, options.warmup());
            Map<Integer, MemoryReading> startMemory = cluster.readMemory();
            long[] redisStart = redisFigures();
            say("warm-up done: memory read");
            restartMidRun(begin);
            sleepUntil(begin, options.duration());
            Map<Integer, MemoryReading> endMemory = cluster.readMemory();
            long[] redisEnd = redisFigures();

            posters.forEach(steadyClient.vertx()::cancelTimer);
            ws.stop();
            tcp.stop();
            long drainUntil = System.nanoTime() + options.drain().toNanos();
            while (ledger.missing() > 0 && System.nanoTime() < drainUntil) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            TimeUnit.SECONDS.sleep(2); // late duplicates, and the never-readers' closes
            ws.finish();
            members.forEach(SteadyMember::stop);
            sampler.shutdownNow();
            cluster.sampleCpu();
            report(startMemory, endMemory, redisStart, redisEnd, (System.nanoTime() - begin) / 1e9,
                    generatorCpu.seconds());
        }
    }

    private List<SteadyMember> joinSteadyMembers(ChatClient client, List<String> rooms) throws Exception {
        List<SteadyMember> members = new ArrayList<>();
        List<Future<Member>> joins = new ArrayList<>();
        for (int r = 0; r < rooms.size(); r++) {
            for (int m = 0; m < options.membersPerRoom(); m++) {
                SteadyMember member = new SteadyMember(members.size(), r, rooms.get(r), client, cluster.router,
                        ledger, steadyEvents);
                members.add(member);
                joins.add(member.connect());
            }
        }
        Future.join(joins).toCompletionStage().toCompletableFuture().exceptionally(e -> null).get(60, TimeUnit.SECONDS);
        if (joins.stream().anyMatch(Future::failed)) {
            throw new IllegalStateException("steady members could not join: " + steadyEvents);
        }
        return members;
    }

    /** Every member posts once per period, the first time at a random point of the first period. */
    private List<Long> startPosting(ChatClient client, List<SteadyMember> members) {
        long period = Math.max(1, Math.round(1000 / options.steadyRate()));
        List<Long> timers = Collections.synchronizedList(new ArrayList<>());
        for (SteadyMember member : members) {
            long offset = 1 + (long) (Math.random() * period);
            client.vertx().setTimer(offset, first -> timers.add(client.vertx().setPeriodic(period, id -> member.post())));
        }
        return timers;
    }

    /** The {@code redis} run restarts Redis half-way through the measured part; {@code rolling} replaces the nodes
     * a third of the way through. */
    private void restartMidRun(long begin) throws Exception {
        Duration rest = options.duration().minus(options.warmup());
        if (options.mode().equals("redis")) {
            sleepUntil(begin, options.warmup().plus(rest.dividedBy(2)));
            // Messages from 1 s before Redis stops until 1 s after the nodes are ready again are tallied apart.
            ledger.outage(true);
            TimeUnit.SECONDS.sleep(1);
            long down = System.nanoTime();
            cluster.restartRedis(report::fail);
            double seconds = (System.nanoTime() - down) / 1e9;
            TimeUnit.SECONDS.sleep(1);
            ledger.outage(false);
            say("Redis restarted (SHUTDOWN SAVE, new process); nodes ready again after %.1f s", seconds);
            report.line(String.format(Locale.ROOT, "Redis restart: nodes ready again %.1f s after SHUTDOWN SAVE",
                    seconds));
        } else if (options.mode().equals("rolling")) {
            sleepUntil(begin, options.warmup().plus(rest.dividedBy(3)));
            cluster.rollingRestart(Duration.ofSeconds(5), note -> {
                say("%s", note);
                report.line(note);
            });
        }
    }

    private long[] redisFigures() {
        RedisProcess redis = cluster.redis();
        return redis == null ? new long[] {-1, -1} : new long[] {redis.usedMemory(), redis.keys()};
    }

    private void report(Map<Integer, MemoryReading> startMemory, Map<Integer, MemoryReading> endMemory,
                        long[] redisStart, long[] redisEnd, double elapsed, double generatorSeconds) {
        report.ledger(ledger.tally(), options.judgeOutage());
        report.counts("steady members' connection events (closes, refusals, resumes):", steadyEvents.counts());
        report.counts("abusers, by what they saw:", outcomes.counts());
        Map<String, Long> refused = new LinkedHashMap<>();
        cluster.refusals().forEach((code, count) -> {
            if (count > 0) {
                refused.put(code, Math.round(count));
            }
        });
        report.counts("server refusals (chat_errors_total by code, all nodes):", refused);
        report.line("memory after warm-up and at the end (" + startMemory.values().iterator().next().how()
                + "; RSS from /proc/<pid>/status; heap = jvm_memory_used_bytes{area=\"heap\"}); budget RSS +"
                + options.rssBudgetPercent() + "%, heap +" + options.heapBudgetPercent() + "%, or "
                + options.budgetSlackMiB() + " MiB where more:");
        for (Map.Entry<Integer, MemoryReading> entry : startMemory.entrySet()) {
            MemoryReading start = entry.getValue();
            MemoryReading end = endMemory.get(entry.getKey());
            String node = "node :" + entry.getKey();
            report.memory(node + " RSS", start.rssBytes(), end.rssBytes(), options.rssBudgetPercent(),
                    options.budgetSlackMiB());
            report.memory(node + " heap after GC", start.heapBytes(), end.heapBytes(), options.heapBudgetPercent(),
                    options.budgetSlackMiB());
        }
        RedisProcess redis = cluster.redis();
        if (redis != null) {
            report.line(String.format(Locale.ROOT, "redis: used_memory start %s, end %s; keys start %d, end %d",
                    SoakReport.mib(redisStart[0]), SoakReport.mib(redisEnd[0]), redisStart[1], redisEnd[1]));
        }
        double server = cluster.serverCpuSeconds();
        report.line(String.format(Locale.ROOT, "CPU over %.0f s: servers %.1f s (%.0f%% of a core), redis %s,"
                + " generator %.1f s (%.0f%%)", elapsed, server, server * 100 / elapsed, redis == null ? "-"
                : String.format(Locale.ROOT, "%.1f s", redis.cpuSeconds()), generatorSeconds,
                generatorSeconds * 100 / elapsed));
    }

    private static void sleepUntil(long begin, Duration offset) throws InterruptedException {
        long wait = begin + offset.toNanos() - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static void say(String format, Object... values) {
        System.out.println(String.format(Locale.ROOT, "[soak %tT] ", System.currentTimeMillis())
                + String.format(Locale.ROOT, format, values));
    }
}
