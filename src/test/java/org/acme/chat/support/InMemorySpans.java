package org.acme.chat.support;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.acme.chat.tracing.ChatTracing;
import org.awaitility.Awaitility;

/**
 * Every span the app exports, kept in memory for the tests: Quarkus's default {@code cdi} exporter sends spans to the
 * {@code SpanExporter} beans, and with one present it makes no OTLP exporter. Spans are only made where a test
 * profile turns the SDK on ({@link #ON}); without an OTLP endpoint it is off.
 */
public class InMemorySpans {

    /** Config for a test profile: the SDK on without an endpoint, spans exported every 50 ms. */
    public static final Map<String, String> ON = Map.of("quarkus.otel.sdk.disabled", "false",
            "quarkus.otel.bsp.schedule.delay", "50ms");

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }

    /** Waits (bounded) until the finished spans include one that matches, and returns it. */
    public static SpanData awaitSpan(InMemorySpanExporter spans, String description, Predicate<SpanData> which) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .alias("a span: " + description)
                .until(() -> spans.getFinishedSpanItems().stream().filter(which).findFirst().orElse(null),
                        span -> span != null);
    }

    /** Waits (bounded) for the span called {@code name} that is about {@code connection} (its {@code connection.id}). */
    public static SpanData awaitSpanOf(InMemorySpanExporter spans, String name, String connection) {
        return awaitSpan(spans, name, span -> span.getName().equals(name)
                && connection.equals(span.getAttributes().get(ChatTracing.CONNECTION_ID)));
    }

    /** The spans of one trace, by name (one span per name is expected). */
    public static Map<String, SpanData> trace(InMemorySpanExporter spans, String traceId) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId))
                .collect(Collectors.toMap(SpanData::getName, span -> span));
    }

    /** Every span's name and every attribute value, as text: what a collector would receive. */
    public static List<String> allText(List<SpanData> spans) {
        return spans.stream().flatMap(span -> Stream.concat(Stream.of(span.getName()),
                span.getAttributes().asMap().values().stream().map(String::valueOf))).toList();
    }
}
