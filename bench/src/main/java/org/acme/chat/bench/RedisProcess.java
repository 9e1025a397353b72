package org.acme.chat.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of the soak's own on a loopback port, without persistence except on request: a restart is
 * {@code SHUTDOWN SAVE} (an RDB snapshot written on the way down, as a managed Redis does on a planned restart)
 * followed by a fresh process on the same port and directory, which loads it. Read with {@code redis-cli}:
 * {@code used_memory} and the key count.
 */
final class RedisProcess {

    final int port;
    private final File dir;
    private final File log;
    private final List<String> pin;
    private Process process;
    private long cpuTicksBefore;
    private volatile long lastTicks;

    RedisProcess(int port, File dir, File log, List<String> pin) {
        this.port = port;
        this.dir = dir;
        this.log = log;
        this.pin = pin;
    }

    void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(pin);
        command.addAll(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", dir.getAbsolutePath()));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!"PONG".equals(cli("ping"))) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("redis-server did not start on port " + port + ": see " + log);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** SHUTDOWN SAVE, then a new process on the same port and data directory. */
    void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        sampleCpu();
        cpuTicksBefore += lastTicks;
        lastTicks = 0;
        cli("shutdown", "save");
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    long pid() {
        return process.pid();
    }

    void sampleCpu() {
        long ticks = process == null ? -1 : CpuMeter.ticks(process.pid());
        if (ticks >= 0) {
            lastTicks = ticks;
        }
    }

    /** CPU seconds of every redis-server process so far. */
    double cpuSeconds() {
        return (cpuTicksBefore + lastTicks) / 100.0;
    }

    /** {@code used_memory} in bytes, or -1. */
    long usedMemory() {
        String info = cli("info", "memory");
        for (String line : info == null ? new String[0] : info.split("\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).strip());
            }
        }
        return -1;
    }

    /** {@code DBSIZE}, or -1. */
    long keys() {
        String size = cli("dbsize");
        try {
            return size == null ? -1 : Long.parseLong(size.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Runs {@code redis-cli -p PORT args...}; its output, or null when it fails. */
    String cli(String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(port)));
        command.addAll(List.of(args));
        try {
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return cli.waitFor(10, TimeUnit.SECONDS) && cli.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
