package org.acme.chat.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One chat server the soak starts itself: the packaged jar on a JVM or the native binary, on a loopback port, with
 * its output in a log file. Readiness and metrics are found on the HTTP port, or on the management port this node is
 * given ({@code quarkus.management.port}) when the build has the management interface enabled: whichever answers
 * {@code /q/health/ready}. It can be stopped as Kubernetes stops a pod (SIGTERM, then SIGKILL after a grace period)
 * and sampled for CPU time from {@code /proc}, the last sample surviving the process.
 */
final class NodeProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final int port;
    private final Process process;
    private final List<String> bases;
    private final String metricsPath;
    private volatile ServerMetrics metrics;
    private volatile long lastTicks;

    private NodeProcess(int port, Process process, List<String> bases, String metricsPath) {
        this.port = port;
        this.process = process;
        this.bases = bases;
        this.metricsPath = metricsPath;
        this.metrics = new ServerMetrics(URI.create(bases.get(0) + metricsPath));
    }

    /** Starts a node: the server command with this node's settings (and any given to every node) before its jar. */
    static NodeProcess start(SoakOptions options, int port, int managementPort, List<String> settings, File log)
            throws IOException {
        List<String> command = new ArrayList<>(options.serverCommand());
        int at = options.nativeBinary() ? command.size() : command.indexOf("-jar");
        List<String> flags = new ArrayList<>(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort));
        flags.addAll(settings);
        command.addAll(at, flags);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log).start();
        return new NodeProcess(port, process, List.of("http://127.0.0.1:" + port,
                "http://127.0.0.1:" + managementPort), options.metricsPath());
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    ServerMetrics metrics() {
        return metrics;
    }

    /**
     * Waits until readiness answers 200 on the HTTP or the management port (metrics are then read from that one);
     * false if the process exits or {@code timeout} passes first.
     */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            for (String base : bases) {
                try {
                    HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        metrics = new ServerMetrics(URI.create(base + metricsPath));
                        return true;
                    }
                } catch (IOException e) {
                    // not listening (yet, or not there at all)
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return false;
    }
    /** SIGTERM, as a pod deletion does; SIGKILL after {@code grace}. Returns how the process ended. */
    String terminate(Duration grace) throws InterruptedException {
        sampleCpu();
        process.destroy();
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return "exited " + process.exitValue() + " after SIGTERM";
        }
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return "killed: still running " + grace.toSeconds() + " s after SIGTERM";
    }

    void kill() {
        process.destroyForcibly();
    }

    /** Reads the process's CPU time; called every second or so, and last just before it is stopped. */
    void sampleCpu() {
        long ticks = CpuMeter.ticks(process.pid());
        if (ticks >= 0) {
            lastTicks = ticks;
        }
    }

    /** CPU seconds used, as of the last sample. */
    double cpuSeconds() {
        return lastTicks / 100.0;
    }
}
