package org.acme.chat.config;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.acme.chat.tracing.ChatTracing;
import org.acme.chat.tracing.UrlScrubber;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The chat's tracing from Quarkus's OpenTelemetry and {@code chat.tracing.*}: {@link ChatTracing#OFF} while the SDK is
 * disabled ({@code quarkus.otel.sdk.disabled}, which {@code tracing.TracingSwitch} sets when no OTLP endpoint is
 * configured), and the {@link UrlScrubber} that Quarkus adds to its span processors.
 */
public class TracingProducers {

    @Produces
    @Singleton
    ChatTracing chatTracing(Tracer tracer, ChatConfig config,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean sdkDisabled) {
        return sdkDisabled ? ChatTracing.OFF : new ChatTracing(tracer, config.tracing().roomNames());
    }

    @Produces
    @Singleton
    SpanProcessor urlScrubber(ChatConfig config) {
        return new UrlScrubber(config.tracing().roomNames());
    }
}
