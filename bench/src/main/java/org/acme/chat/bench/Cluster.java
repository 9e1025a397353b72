package org.acme.chat.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The servers of one soak run: one node, or two nodes and the Redis they share, started on free loopback ports, with
 * the {@link Router} that hands their ports to clients. It restarts Redis, replaces nodes one at a time, samples
 * every process's CPU time, reads memory by node port and sums the servers' {@code chat_errors_total} by code
 * (a node's counters are read before it is stopped, so a rolling restart loses none).
 */
final class Cluster implements AutoCloseable {

    final Router router = new Router();
    private final SoakOptions options;
    private final Map<Integer, NodeProcess> nodes = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<NodeProcess> retired = Collections.synchronizedList(new ArrayList<>());
    private final Map<Long, Map<String, Double>> refusalsByNode = new TreeMap<>();
    private RedisProcess redis;
    private int started;

    Cluster(SoakOptions options) {
        this.options = options;
    }

    /** Starts Redis when {@code nodeCount} is above one, then the nodes, each ready before the next. */
    void start(int nodeCount) throws IOException, InterruptedException {
        if (nodeCount > 1) {
            File dir = Files.createTempDirectory("soak-redis").toFile();
            File log = new File(options.logDir(), "soak-" + options.mode() + "-redis.log");
            Files.deleteIfExists(log.toPath());
            redis = new RedisProcess(freePort(), dir, log, options.pin());
            redis.start();
        }
        for (int i = 0; i < nodeCount; i++) {
            startNode(freePort());
        }
    }

    /** The shared Redis, or null with one node. */
    RedisProcess redis() {
        return redis;
    }

    int size() {
        return nodes.size();
    }

    /** Redis down ({@code SHUTDOWN SAVE}) and up again; returns once every node is ready again, or says which not. */
    void restartRedis(Consumer<String> problem) throws IOException, InterruptedException {
        redis.restart();
        for (NodeProcess node : List.copyOf(nodes.values())) {
            if (!node.awaitReady(Duration.ofSeconds(60))) {
                problem.accept("node :" + node.port + " not ready again within 60 s of the Redis restart");
            }
        }
    }

    /**
     * Replaces every node in turn as a rolling update does: out of the router, SIGTERM, a fresh node on the same
     * port once the old one is gone, into the router when ready, then {@code pause} before the next. Each old node's
     * memory just before its SIGTERM, and how it ended, go to {@code note}.
     */
    void rollingRestart(Duration pause, Consumer<String> note) throws IOException, InterruptedException {
        for (int port : List.copyOf(nodes.keySet())) {
            NodeProcess old = nodes.get(port);
            router.remove(port);
            readRefusals(old);
            MemoryReading before = MemoryReading.of(old);
            String how = old.terminate(Duration.ofSeconds(30));
            retired.add(old);
            nodes.remove(port);
            note.accept(String.format("rolling restart: node :%d (pid %d) before SIGTERM: RSS %s, heap %s; %s", port,
                    old.pid(), SoakReport.mib(before.rssBytes()), SoakReport.mib(before.heapBytes()), how));
            startNode(port);
            TimeUnit.MILLISECONDS.sleep(pause.toMillis());
        }
    }

    /** Memory of every running node, by port. */
    Map<Integer, MemoryReading> readMemory() throws InterruptedException {
        Map<Integer, MemoryReading> readings = new TreeMap<>();
        for (NodeProcess node : List.copyOf(nodes.values())) {
            readings.put(node.port, MemoryReading.of(node));
        }
        return readings;
    }

    /** {@code chat_errors_total} by code over every node, those stopped included; reads the running ones now. */
    synchronized Map<String, Double> refusals() {
        List.copyOf(nodes.values()).forEach(this::readRefusals);
        Map<String, Double> total = new TreeMap<>();
        refusalsByNode.values().forEach(node -> node.forEach((code, count) -> total.merge(code, count, Double::sum)));
        return total;
    }

    void sampleCpu() {
        allNodes().forEach(NodeProcess::sampleCpu);
        if (redis != null) {
            redis.sampleCpu();
        }
    }

    /** CPU seconds of every node process this run started. */
    double serverCpuSeconds() {
        return allNodes().stream().mapToDouble(NodeProcess::cpuSeconds).sum();
    }

    @Override
    public void close() throws InterruptedException {
        for (NodeProcess node : List.copyOf(nodes.values())) {
            if (node.alive()) {
                node.terminate(Duration.ofSeconds(30));
            }
        }
        if (redis != null) {
            redis.stop();
        }
    }

    /** For a generator that is being stopped (Ctrl-C, a timeout): no process of this run outlives it. */
    void kill() {
        allNodes().forEach(NodeProcess::kill);
        if (redis != null) {
            redis.kill();
        }
    }

    private void startNode(int port) throws IOException, InterruptedException {
        List<String> settings = new ArrayList<>();
        if (redis != null) {
            settings.add("-Dchat.broker=redis");
            settings.add("-Dquarkus.redis.hosts=redis://127.0.0.1:" + redis.port);
        }
        settings.addAll(options.serverSettings());
        String label = "soak-" + options.mode() + "-node-" + (++started);
        File log = new File(options.logDir(), label + ".log");
        NodeProcess node = NodeProcess.start(options, port, freePort(), settings, log);
        if (!node.awaitReady(Duration.ofSeconds(90))) {
            node.terminate(Duration.ofSeconds(5));
            throw new IllegalStateException(label + " on port " + port + " did not become ready: see " + log);
        }
        nodes.put(port, node);
        router.add(port);
    }

    private synchronized void readRefusals(NodeProcess node) {
        String exposition = node.metrics().scrape();
        if (exposition != null) {
            refusalsByNode.put(node.pid(), ServerMetrics.byLabel(exposition, "chat_errors_total", "code"));
        }
    }

    private List<NodeProcess> allNodes() {
        List<NodeProcess> all = new ArrayList<>(retired);
        all.addAll(nodes.values());
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
