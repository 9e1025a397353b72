package org.acme.chat.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SDK is disabled unless an OTLP endpoint is configured; an explicit setting wins. Plain JUnit. */
class TracingSwitchTest {

    @Test
    void withoutAnEndpointTheSdkIsDisabled() {
        assertEquals(Optional.of(true), sdkDisabled(Map.of()));
        assertEquals(Optional.of(true), sdkDisabled(Map.of("quarkus.otel.exporter.otlp.endpoint", " ")));
    }

    @Test
    void theExtensionsDefaultEndpointIsNoEndpoint() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withDefaultValue("quarkus.otel.exporter.otlp.endpoint", "http://localhost:4317/")
                .withSources(new TracingSwitch())
                .build();
        assertEquals(true, config.getValue(TracingSwitch.SDK_DISABLED, Boolean.class));
    }

    @Test
    void anyOtlpEndpointLeavesItOn() {
        assertEquals(Optional.of(false), sdkDisabled(Map.of("quarkus.otel.exporter.otlp.endpoint",
                "http://collector:4317")));
        assertEquals(Optional.of(false), sdkDisabled(Map.of("quarkus.otel.exporter.otlp.traces.endpoint",
                "http://collector:4318")));
    }

    @Test
    void anExplicitSettingWins() {
        assertEquals(Optional.of(false), sdkDisabled(Map.of("quarkus.otel.sdk.disabled", "false")));
        assertEquals(Optional.of(true), sdkDisabled(Map.of("quarkus.otel.sdk.disabled", "true",
                "quarkus.otel.exporter.otlp.endpoint", "http://collector:4317")));
    }

    /** {@code quarkus.otel.sdk.disabled} with {@code settings} at the ordinal of application.properties. */
    private static Optional<Boolean> sdkDisabled(Map<String, String> settings) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(settings, "application.properties", 250))
                .withSources(new TracingSwitch())
                .build();
        return config.getOptionalValue(TracingSwitch.SDK_DISABLED, Boolean.class);
    }
}
