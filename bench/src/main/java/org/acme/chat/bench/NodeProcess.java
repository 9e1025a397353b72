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
 * its output in a log file. It can be asked whether it is ready ({@code /q/health/ready}), stopped as Kubernetes
 * stops a pod (SIGTERM, then SIGKILL after a grace period), and sampled for CPU time from {@code /proc}, the last
 * sample surviving the process.
 */
final class NodeProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final int port;
    final String label;
    private final Process process;
    private final URI health;
    private final ServerMetrics metrics;
    private volatile long lastTicks;

    private NodeProcess(int port, String label, Process process, URI health, ServerMetrics metrics) {
        this.port = port;
        this.label = label;
        this.process = process;
        this.health = health;
        this.metrics = metrics;
    }

    /** Starts a node; {@code command} is the server command line before the {@code -D} settings of this node. */
    static NodeProcess start(SoakOptions options, int port, String label, List<String> settings, File log)
            throws IOException {
        List<String> command = new ArrayList<>(options.serverCommand());
        int at = options.nativeBinary() ? command.size() : command.indexOf("-jar");
        List<String> flags = new ArrayList<>(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port));
        int management = options.managementPortOffset() == 0 ? port : port + options.managementPortOffset();
        if (options.managementPortOffset() != 0) {
            flags.add("-Dquarkus.management.enabled=true");
            flags.add("-Dquarkus.management.host=127.0.0.1");
            flags.add("-Dquarkus.management.port=" + management);
        }
        flags.addAll(settings);
        command.addAll(at, flags);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        String base = "http://127.0.0.1:" + management;
        return new NodeProcess(port, label, process, URI.create(base + "/q/health/ready"),
                new ServerMetrics(URI.create(base + options.metricsPath())));
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

    /** Waits until readiness answers 200; false if the process exits or {@code timeout} passes first. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
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
