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
 * {@code quarkus.otel.exporter.otlp.traces.endpoint} set in any source above the defaults (e.g. the environment
 * variable {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT}), this source sets {@code quarkus.otel.sdk.disabled=true}, and
 * {@code false} with one. Quarkus's exporter would otherwise send to {@code localhost:4317} and log
 * a failed export every few seconds where no collector runs, and every request and Redis command would carry a span.
 * Its ordinal is below {@code application.properties}, so an explicit {@code quarkus.otel.sdk.disabled} still wins.
 * Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public final class TracingSwitch implements ConfigSourceFactory {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.traces.endpoint",
            "quarkus.otel.exporter.otlp.endpoint");
    /** Above Quarkus's defaults, below {@code application.properties} (250) and the environment (300). */
    static final int ORDINAL = 200;
    /**
     * Values from sources up to this ordinal are defaults, not configuration: the OpenTelemetry extension's own default
     * endpoint ({@code http://localhost:4317/}, where no collector runs unless someone starts one) is one.
     */
    static final int DEFAULTS = 100;

    /**
     * Always says one way or the other: the build runs this too (with no endpoint) and Quarkus keeps what it saw then
     * as a default for run time, which only an explicit value at run time overrides.
     */
    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean endpoint = false;
        for (String key : ENDPOINTS) {
            ConfigValue value = context.getValue(key);
            endpoint |= value != null && value.getValue() != null && !value.getValue().isBlank()
                    && value.getConfigSourceOrdinal() > DEFAULTS;
        }
        return List.of(new PropertiesConfigSource(Map.of(SDK_DISABLED, Boolean.toString(!endpoint)),
                endpoint ? "chat: an OTLP endpoint is set" : "chat: no OTLP endpoint", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
