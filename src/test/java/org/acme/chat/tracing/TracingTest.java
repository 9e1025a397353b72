package org.acme.chat.tracing;

import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.acme.chat.support.Frames;
import org.acme.chat.support.InMemorySpans;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * With tracing on, one join and one message make these spans: the upgrade's {@code GET /chat/:room} with WebSockets
 * Next's {@code OPEN} and the chat's {@code chat.join} as children; the message a trace of its own, {@code chat.post}
 * with {@code chat.store} and {@code chat.publish} as children. No span name or attribute carries the room, the user's
 * name or the text.
 */
@QuarkusTest
@TestProfile(TracingTest.TracingOn.class)
class TracingTest {

    static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");

    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return InMemorySpans.ON;
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aJoinIsPartOfTheUpgradesTraceAndAMessageHasATraceOfItsOwn() {
        String room = uniqueRoom("traced-room");
        String connection;
        JsonObject message;
        try (WsClient alice = WsClient.connect(base, chatPath(room, "zelda"))) {
            connection = alice.next("welcome").getJsonObject("you").getString("id");
            alice.send(Frames.message("a secret text"));
            message = alice.next("message");
        }

        SpanData join = InMemorySpans.awaitSpanOf(spans, "chat.join", connection);
        Map<String, SpanData> upgrade = InMemorySpans.trace(spans, join.getTraceId());
        SpanData get = upgrade.get("GET /chat/:room");
        SpanData open = upgrade.get("OPEN /chat/:room");
        assertEquals(SpanKind.SERVER, get.getKind());
        assertFalse(get.getParentSpanContext().isValid(), "the upgrade request starts the trace");
        assertEquals(get.getSpanId(), open.getParentSpanId(), "WebSockets Next's OPEN span");
        assertEquals(get.getSpanId(), join.getParentSpanId(), "chat.join");
        assertEquals(101L, get.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
        assertEquals("/chat/{room}", get.getAttributes().get(URL_PATH));
        assertEquals("name=", get.getAttributes().get(URL_QUERY));

        SpanData post = InMemorySpans.awaitSpanOf(spans, "chat.post", connection);
        SpanData store = InMemorySpans.awaitSpan(spans, "chat.store", span -> span.getName().equals("chat.store")
                && span.getParentSpanId().equals(post.getSpanId()));
        SpanData publish = InMemorySpans.awaitSpan(spans, "chat.publish", span -> span.getName().equals("chat.publish")
                && span.getParentSpanId().equals(post.getSpanId()));
        assertFalse(post.getParentSpanContext().isValid(), "a message is a trace of its own");
        assertEquals(SpanKind.SERVER, post.getKind());
        assertEquals(message.getString("id"), post.getAttributes().get(ChatTracing.MESSAGE_ID));
        assertEquals(1L, publish.getAttributes().get(ChatTracing.RECIPIENTS));
        assertTrue(store.getEndEpochNanos() <= publish.getStartEpochNanos(), "stored, then published");

        SpanData close = InMemorySpans.awaitSpan(spans, "CLOSE of " + connection, span ->
                span.getName().equals("CLOSE /chat/:room")
                        && connection.equals(span.getAttributes().get(ChatTracing.CONNECTION_ID)));
        assertEquals(open.getSpanId(), close.getLinks().get(0).getSpanContext().getSpanId());

        List<SpanData> all = List.of(get, open, join, post, store, publish, close);
        for (SpanData span : all) {
            assertNull(span.getAttributes().get(ChatTracing.ROOM), span.getName());
        }
        List<String> text = InMemorySpans.allText(all);
        assertTrue(text.stream().noneMatch(value -> value.contains(room) || value.contains("zelda")
                || value.contains("secret")), () -> "room, name or text in " + text);
    }
}
