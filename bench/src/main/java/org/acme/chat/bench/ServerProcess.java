package org.acme.chat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;

/**
 * The server under test, seen from outside through {@code /proc/<pid>}: its resident memory ({@code VmRSS}), the
 * CPUs it may run on, and for a JVM a full GC on request ({@code jcmd <pid> GC.run}), so that memory readings of a
 * JVM hold live data rather than garbage. Other servers are read as they are.
 */
final class ServerProcess {

    final long pid;

    private ServerProcess(long pid) {
        this.pid = pid;
    }

    /** The process named by {@code --server-pid}, or null when none was given. */
    static ServerProcess from(Args args) {
        int pid = args.integer("server-pid", 0);
        if (pid == 0) {
            return null;
        }
        if (!Files.exists(Path.of("/proc/" + pid + "/status"))) {
            throw new IllegalArgumentException("--server-pid " + pid + ": no such process");
        }
        return new ServerProcess(pid);
    }

    /** A process known by its pid (the soak's own server processes). */
    static ServerProcess of(long pid) {
        return new ServerProcess(pid);
    }

    long rssKib() {
        return Long.parseLong(statusField(String.valueOf(pid), "VmRSS:").replace("kB", "").strip());
    }

    boolean isJava() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")).getFileName().toString().equals("java");
        } catch (IOException e) {
            return false;
        }
    }

    /** The executable's name, e.g. {@code java} or {@code node}. */
    String name() {
        return statusField(String.valueOf(pid), "Name:");
    }

    /** Runs {@code jcmd <pid> GC.run} for a JVM and waits for it; returns what was done, for the report. */
    String collectGarbage() {
        if (!isJava()) {
            return "no GC triggered (not a JVM)";
        }
        try {
            Process jcmd = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
                jcmd.destroy();
                return "jcmd GC.run timed out";
            }
            return jcmd.exitValue() == 0 ? "full GC by jcmd GC.run first"
                    : "jcmd GC.run failed (exit " + jcmd.exitValue() + ")";
        } catch (IOException e) {
            return "jcmd not available: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** One line saying which CPUs the generator and the server run on, and whether they overlap. */
    static String pinning(ServerProcess server) {
        String own = statusField("self", "Cpus_allowed_list:");
        String line = "CPU pinning: generator (pid " + ProcessHandle.current().pid() + ") on CPU(s) " + own;
        if (server == null) {
            return line + "; server pid not given (--server-pid), so its CPUs are not checked";
        }
        String theirs = statusField(String.valueOf(server.pid), "Cpus_allowed_list:");
        line += ", server (" + server.name() + ", pid " + server.pid + ") on CPU(s) " + theirs;
        BitSet overlap = cpus(own);
        overlap.and(cpus(theirs));
        return overlap.isEmpty() ? line + ": separate cores"
                : line + ": WARNING, they share CPU(s) " + overlap + " (pin them apart with taskset)";
    }

    private static BitSet cpus(String list) {
        BitSet set = new BitSet();
        for (String range : list.split(",")) {
            String[] ends = range.strip().split("-");
            int from = Integer.parseInt(ends[0]);
            int to = ends.length > 1 ? Integer.parseInt(ends[1]) : from;
            set.set(from, to + 1);
        }
        return set;
    }

    private static String statusField(String pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith(field)) {
                    return line.substring(field.length()).strip();
                }
            }
            throw new IllegalStateException(field + " not in /proc/" + pid + "/status");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/status: " + e.getMessage(), e);
        }
    }
}
