package org.acme.chat.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * The figures of one scenario run as a properties file ({@code --out FILE}), for {@code report} to compare runs
 * against each other. Keys are flat: {@code handshakes_per_s}, {@code p99_ms}, {@code step.3.delivered_per_s}.
 */
final class Results {

    private final Properties values = new Properties();

    Results put(String key, Object value) {
        String text = value instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : String.valueOf(value);
        values.setProperty(key, text);
        return this;
    }

    /** Puts the figures of one step under {@code prefix} (e.g. {@code step.3.}). */
    Results putStep(String prefix, StepResult r) {
        return put(prefix + "rate", r.offeredRate())
                .put(prefix + "offered_per_s", r.offeredDeliveries())
                .put(prefix + "sent", (long) r.sent().messages())
                .put(prefix + "expected", r.expected())
                .put(prefix + "delivered", r.delivered())
                .put(prefix + "missing", r.missing())
                .put(prefix + "duplicates", r.duplicates())
                .put(prefix + "closes", r.closes())
                .put(prefix + "ratio", r.ratio())
                .put(prefix + "delivered_per_s", r.deliveredPerSecond())
                .put(prefix + "p50_ms", r.percentileMs(50))
                .put(prefix + "p99_ms", r.percentileMs(99))
                .put(prefix + "p999_ms", r.percentileMs(99.9))
                .put(prefix + "max_ms", r.maxMs())
                .put(prefix + "lag_ms", r.sent().maxLagMs())
                .put(prefix + "generator_cpu", r.generatorCores())
                .put(prefix + "server_cpu", r.serverCores())
                .put(prefix + "server_cpu_ms_per_1000", r.serverCpuMsPerThousandCopies())
                .put(prefix + "server_bytes_per_copy", r.serverBytesPerCopy())
                .put(prefix + "complete", r.complete());
    }

    String get(String key) {
        return values.getProperty(key);
    }

    double number(String key) {
        String v = values.getProperty(key);
        try {
            return v == null ? Double.NaN : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    void save(String path) {
        if (path == null) {
            return;
        }
        try {
            Path file = Path.of(path);
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                values.store(out, "chat-bench results");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Results load(Path file) {
        Results results = new Results();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            results.values.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return results;
    }
}
