package org.acme.chat.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ConnectWorker} child process, started from this same jar with the same {@code java}, talked to over its
 * stdin and stdout. Children inherit the CPU affinity of this process (taskset), and their stderr goes to ours.
 */
final class WorkerProcess implements AutoCloseable {

    /** A worker's answer: the final line's fields and the reasons listed before it. */
    record Reply(String[] fields, Failures reasons) {

        long number(int i) {
            return Long.parseLong(fields[i]);
        }
    }

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;

    private WorkerProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    static WorkerProcess start(String heap, List<String> workerArgs) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(ownJar());
        command.add(Main.class.getName());
        command.add("connect-worker");
        command.addAll(workerArgs);
        try {
            WorkerProcess worker = new WorkerProcess(new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
            worker.await("ready", "");
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a worker: " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    void send(String command) {
        in.println(command);
    }

    /**
     * Reads lines up to the one starting with {@code last}; lines starting with {@code listed} are
     * {@code COUNT REASON} pairs collected into the reply's reasons.
     */
    Reply await(String last, String listed) {
        Failures reasons = new Failures();
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals(last) || line.startsWith(last + " ")) {
                    return new Reply(line.substring(last.length()).strip().split(" "), reasons);
                }
                if (!listed.isEmpty() && line.startsWith(listed + " ")) {
                    String[] countAndReason = line.substring(listed.length() + 1).split(" ", 2);
                    reasons.add(countAndReason.length > 1 ? countAndReason[1] : "?", Long.parseLong(countAndReason[0]));
                } else {
                    System.err.println("worker: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("worker exited (code " + exitCode() + ") before answering '" + last + "'");
    }

    @Override
    public void close() {
        send("close");
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static String ownJar() {
        try {
            return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
