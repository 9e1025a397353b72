package org.acme.chat.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Without an OTLP endpoint (as in every test that does not turn it on) the app runs with the OpenTelemetry SDK
 * disabled by {@link TracingSwitch}, and makes no span of its own.
 */
@QuarkusTest
class TracingOffTest {

    @Inject
    ChatTracing tracing;

    @Test
    void noEndpointNoTracing() {
        assertEquals(true, ConfigProvider.getConfig().getValue(TracingSwitch.SDK_DISABLED, Boolean.class));
        assertFalse(tracing.enabled());
    }
}
