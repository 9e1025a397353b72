package org.acme.chat.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * {@code process_resident_memory_bytes}: the process's resident set ({@code VmRSS} of {@code /proc/self/status}), read
 * when Prometheus scrapes. Micrometer has no such gauge, and the JVM's own ({@code jvm_memory_*}) leave out what a
 * native image or Netty holds outside the heap; the resident set is what a container's memory limit is measured
 * against. Absent where there is no {@code /proc} (not Linux).
 */
@Startup
@ApplicationScoped
public class ResidentMemory {

    private static final Logger LOG = Logger.getLogger(ResidentMemory.class);
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final String FIELD = "VmRSS:";

    public ResidentMemory(MeterRegistry registry) {
        if (read(STATUS) < 0) {
            LOG.debugf("no %s: process_resident_memory_bytes is not published", STATUS);
            return;
        }
        Gauge.builder("process.resident.memory", ResidentMemory::bytes).baseUnit("bytes").strongReference(true)
                .description("Resident set size of the process (VmRSS), what a container memory limit counts")
                .register(registry);
    }

    private static Number bytes() {
        long bytes = read(STATUS);
        return bytes < 0 ? Double.NaN : bytes;
    }

    /** The {@code VmRSS} line of a {@code /proc/<pid>/status} file in bytes, or -1 when it cannot be read. */
    static long read(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(FIELD)) {
                    String kib = line.substring(FIELD.length()).trim().split("\\s+")[0];
                    return Long.parseLong(kib) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debugf("cannot read %s: %s", status, e.toString());
        }
        return -1;
    }
}
