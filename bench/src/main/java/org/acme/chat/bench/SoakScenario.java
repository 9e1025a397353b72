package org.acme.chat.bench;

import io.vertx.core.Future;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The soak: steady members who count every message, and abusers, against one node ({@code --mode single}), two
 * nodes on Redis with Redis restarted half-way ({@code redis}), or two nodes on Redis replaced one at a time while
 * members keep talking ({@code rolling}: SIGTERM, a fresh node on the same port once the old one is gone, as a
 * Kubernetes rolling update does). It starts and stops the servers and Redis itself, reads memory after warm-up and
 * at the end, and exits 1 when a steady copy was lost or duplicated or memory grew past the budget.
 */
final class SoakScenario {

    /** Vert.x logs every connection the server resets (the abusers' lot) at SEVERE: kept quiet, held strongly. */
    private static final java.util.logging.Logger RESETS =
            java.util.logging.Logger.getLogger("io.vertx.core.net.impl.ConnectionBase");

    private final SoakOptions options;
    private final Router router = new Router();
    private final Map<Integer, NodeProcess> nodes = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<NodeProcess> retired = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Double> refusals = new TreeMap<>();
    private final SoakReport report = new SoakReport();
    private RedisProcess redis;
    private int started;

    private SoakScenario(SoakOptions options) {
        this.options = options;
    }

    static int run(Args args) throws Exception {
        SoakOptions options = SoakOptions.from(args);
        args.rejectUnused();
        RESETS.setLevel(java.util.logging.Level.OFF);
        SoakScenario soak = new SoakScenario(options);
        try {
            soak.soak();
        } finally {
            soak.stopAll();
        }
        soak.report.lines().forEach(System.out::println);
        return soak.report.passed() ? 0 : 1;
    }

    private void soak() throws Exception {
        options.logDir().mkdirs();
        String prefix = Target.randomPrefix("soak");
        boolean clustered = !options.mode().equals("single");
        if (clustered) {
            File dir = Files.createTempDirectory("soak-redis").toFile();
            redis = new RedisProcess(freePort(), dir, new File(options.logDir(), "soak-redis.log"), options.pin());
            redis.start();
        }
        for (int i = 0; i < (clustered ? 2 : 1); i++) {
            startNode(freePort());
        }
        say("%s run: %s for %s (warm-up %s), server: %s", options.mode(), nodes.size() == 1 ? "one node" : "two nodes"
                + " on Redis (port " + redis.port + ")", options.duration(), options.warmup(),
                String.join(" ", options.serverCommand()));
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(this::sampleCpu, 0, 1, TimeUnit.SECONDS);
        CpuMeter generatorCpu = CpuMeter.self();
        long begin = System.nanoTime();

        int total = options.rooms() * options.membersPerRoom();
        ChatClient steadyClient = new ChatClient(new Target("127.0.0.1", 0,
                Target.addresses(options.steadySource(), (total + 39) / 40)), 2, Duration.ofSeconds(10));
        ChatClient abuseClient = new ChatClient(new Target("127.0.0.1", 0,
                Target.addresses(options.abuseSource(), options.abuseSources())), 1, Duration.ofSeconds(10));
        Ledger ledger = new Ledger(Collections.nCopies(options.rooms(), options.membersPerRoom()));
        Failures steadyEvents = new Failures();
        Failures outcomes = new Failures();
        List<String> rooms = new ArrayList<>();
        List<SteadyMember> members = new ArrayList<>();
        List<Future<Member>> joins = new ArrayList<>();
        for (int r = 0; r < options.rooms(); r++) {
            rooms.add(prefix + "r" + r);
            for (int m = 0; m < options.membersPerRoom(); m++) {
                SteadyMember member = new SteadyMember(members.size(), r, rooms.get(r), steadyClient, router, ledger,
                        steadyEvents);
                members.add(member);
                joins.add(member.connect());
            }
        }
        Future.join(joins).toCompletionStage().toCompletableFuture().exceptionally(e -> null).get(60, TimeUnit.SECONDS);
        if (joins.stream().anyMatch(Future::failed)) {
            throw new IllegalStateException("steady members could not join: " + steadyEvents);
        }
        long period = Math.max(1, Math.round(1000 / options.steadyRate()));
        List<Long> posters = Collections.synchronizedList(new ArrayList<>());
        for (SteadyMember member : members) {
            long offset = 1 + (long) (Math.random() * period);
            steadyClient.vertx().setTimer(offset, first -> posters.add(steadyClient.vertx()
                    .setPeriodic(period, id -> member.post())));
        }
        WsAbusers ws = new WsAbusers(options, abuseClient, router, rooms, prefix + "abuse", outcomes);
        TcpAbusers tcp = new TcpAbusers(abuseClient.vertx(), Target.addresses(options.abuseSource(),
                options.abuseSources()), router, outcomes);
        ws.start();
        tcp.start(options.idleConnections(), options.halfLines());
        say("%d steady members in %d rooms posting %.1f/s each; abusers started", total, options.rooms(),
                options.steadyRate());

        sleepUntil(begin, options.warmup());
        Map<Integer, MemoryReading> startMemory = readMemory();
        long redisMemoryStart = redis == null ? -1 : redis.usedMemory();
        long redisKeysStart = redis == null ? -1 : redis.keys();
        say("warm-up done: memory read");
        Duration rest = options.duration().minus(options.warmup());
        if (options.mode().equals("redis")) {
            sleepUntil(begin, options.warmup().plus(rest.dividedBy(2)));
            restartRedis(ledger);
        } else if (options.mode().equals("rolling")) {
            sleepUntil(begin, options.warmup().plus(rest.dividedBy(3)));
            rollingRestart();
        }
        sleepUntil(begin, options.duration());
        Map<Integer, MemoryReading> endMemory = readMemory();
        long redisMemoryEnd = redis == null ? -1 : redis.usedMemory();
        long redisKeysEnd = redis == null ? -1 : redis.keys();

        posters.forEach(steadyClient.vertx()::cancelTimer);
        ws.stop();
        tcp.stop();
        long drainUntil = System.nanoTime() + options.drain().toNanos();
        while (ledger.missing() > 0 && System.nanoTime() < drainUntil) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        TimeUnit.SECONDS.sleep(2); // late duplicates, and the never-readers' closes
        ws.finish();
        nodes.values().forEach(this::readRefusals);
        double elapsed = (System.nanoTime() - begin) / 1e9;
        double generatorSeconds = generatorCpu.seconds();
        members.forEach(SteadyMember::stop);
        sampler.shutdownNow();
        sampleCpu();

        report.ledger(ledger.tally(), options.judgeOutage());
        report.counts("steady members' connection events (closes, refusals, resumes):", steadyEvents.counts());
        report.counts("abusers, by what they saw:", outcomes.counts());
        Map<String, Long> refused = new LinkedHashMap<>();
        refusals.forEach((code, count) -> {
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
            MemoryReading end = endMemory.get(entry.getKey());
            String node = "node :" + entry.getKey();
            report.memory(node + " RSS", entry.getValue().rssBytes(), end.rssBytes(), options.rssBudgetPercent(),
                    options.budgetSlackMiB());
            report.memory(node + " heap after GC", entry.getValue().heapBytes(), end.heapBytes(),
                    options.heapBudgetPercent(), options.budgetSlackMiB());
        }
        if (redis != null) {
            report.line(String.format(Locale.ROOT, "redis: used_memory start %s, end %s; keys start %d, end %d",
                    SoakReport.mib(redisMemoryStart), SoakReport.mib(redisMemoryEnd), redisKeysStart, redisKeysEnd));
        }
        double serverSeconds = 0;
        for (NodeProcess node : allNodes()) {
            serverSeconds += node.cpuSeconds();
        }
        report.line(String.format(Locale.ROOT, "CPU over %.0f s: servers %.1f s (%.0f%% of a core), redis %s,"
                + " generator %.1f s (%.0f%%)", elapsed, serverSeconds, serverSeconds * 100 / elapsed,
                redis == null ? "-" : String.format(Locale.ROOT, "%.1f s", redis.cpuSeconds()), generatorSeconds,
                generatorSeconds * 100 / elapsed));
        steadyClient.close();
        abuseClient.close();
    }

    private void startNode(int port) throws IOException, InterruptedException {
        List<String> settings = new ArrayList<>();
        if (redis != null) {
            settings.add("-Dchat.broker=redis");
            settings.add("-Dquarkus.redis.hosts=redis://127.0.0.1:" + redis.port);
        }
        settings.addAll(options.serverSettings());
        String label = "soak-node-" + (++started);
        NodeProcess node = NodeProcess.start(options, port, label, settings,
                new File(options.logDir(), label + ".log"));
        if (!node.awaitReady(Duration.ofSeconds(90))) {
            node.terminate(Duration.ofSeconds(5));
            throw new IllegalStateException(label + " on port " + port + " did not become ready: see "
                    + new File(options.logDir(), label + ".log"));
        }
        nodes.put(port, node);
        router.add(port);
    }

    private void restartRedis(Ledger ledger) throws Exception {
        ledger.outage(true);
        TimeUnit.SECONDS.sleep(1);
        long down = System.nanoTime();
        redis.restart();
        for (NodeProcess node : nodes.values()) {
            if (!node.awaitReady(Duration.ofSeconds(60))) {
                report.fail("node :" + node.port + " not ready again within 60 s of the Redis restart");
            }
        }
        TimeUnit.SECONDS.sleep(1);
        ledger.outage(false);
        say("Redis restarted (SHUTDOWN SAVE, new process); nodes ready again after %.1f s",
                (System.nanoTime() - down) / 1e9);
    }

    private void rollingRestart() throws Exception {
        for (int port : new ArrayList<>(nodes.keySet())) {
            NodeProcess old = nodes.get(port);
            router.remove(port);
            readRefusals(old);
            MemoryReading before = MemoryReading.of(old);
            String how = old.terminate(Duration.ofSeconds(30));
            retired.add(old);
            nodes.remove(port);
            report.line(String.format(Locale.ROOT, "rolling restart: node :%d (pid %d) before SIGTERM: RSS %s, heap %s;"
                    + " %s", port, old.pid(), SoakReport.mib(before.rssBytes()), SoakReport.mib(before.heapBytes()),
                    how));
            startNode(port);
            say("node :%d replaced (%s)", port, how);
            TimeUnit.SECONDS.sleep(5);
        }
    }

    private Map<Integer, MemoryReading> readMemory() throws InterruptedException {
        Map<Integer, MemoryReading> readings = new TreeMap<>();
        for (NodeProcess node : new ArrayList<>(nodes.values())) {
            readings.put(node.port, MemoryReading.of(node));
        }
        return readings;
    }

    private void readRefusals(NodeProcess node) {
        String exposition = node.metrics().scrape();
        if (exposition != null) {
            ServerMetrics.byLabel(exposition, "chat_errors_total", "code")
                    .forEach((code, count) -> refusals.merge(code, count, Double::sum));
        }
    }

    private void sampleCpu() {
        allNodes().forEach(NodeProcess::sampleCpu);
        if (redis != null) {
            redis.sampleCpu();
        }
    }

    private List<NodeProcess> allNodes() {
        List<NodeProcess> all = new ArrayList<>(retired);
        all.addAll(nodes.values());
        return all;
    }

    private void stopAll() throws InterruptedException {
        for (NodeProcess node : new ArrayList<>(nodes.values())) {
            if (node.alive()) {
                node.terminate(Duration.ofSeconds(30));
            }
        }
        if (redis != null) {
            redis.stop();
        }
    }

    private static void sleepUntil(long begin, Duration offset) throws InterruptedException {
        long wait = begin + offset.toNanos() - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void say(String format, Object... values) {
        System.out.printf(Locale.ROOT, "[soak %tT] " + format + "%n", prependTime(values));
    }

    private static Object[] prependTime(Object[] values) {
        Object[] all = new Object[values.length + 1];
        all[0] = System.currentTimeMillis();
        System.arraycopy(values, 0, all, 1, values.length);
        return all;
    }
}
