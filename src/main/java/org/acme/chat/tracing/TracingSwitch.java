package org.acme.chat.tracing;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Tracing is off unless an OTLP endpoint is configured: without {@code quarkus.otel.exporter.otlp.endpoint} or
 * {@code quarkus.otel.exporter.otlp.traces.endpoint} (e.g. {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT}), this source
 * sets {@code quarkus.otel.sdk.disabled=true}. Quarkus's exporter would otherwise send to {@code localhost:4317} and log
 * a failed export every few seconds where no collector runs, and every request and Redis command would carry a span.
 * Its ordinal is below {@code application.properties}, so an explicit {@code quarkus.otel.sdk.disabled} still wins.
 * Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public final class TracingSwitch implements ConfigSourceFactory {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.traces.endpoint",
            "quarkus.otel.exporter.otlp.endpoint");
    /** Above Quarkus's defaults (0), below {@code application.properties} (250) and the environment (300). */
    static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        for (String endpoint : ENDPOINTS) {
            ConfigValue value = context.getValue(endpoint);
            if (value != null && value.getValue() != null && !value.getValue().isBlank()) {
                return List.of();
            }
        }
        return List.of(new PropertiesConfigSource(Map.of(SDK_DISABLED, "true"), "chat: no OTLP endpoint", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
