package org.acme.chat.tracing;

import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.acme.chat.support.Frames;
import org.acme.chat.support.InMemorySpans;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/** With {@code chat.tracing.room-names=true} the chat's spans name the room, and the upgrade keeps its raw path. */
@QuarkusTest
@TestProfile(RoomNamesOptInTest.RoomNamesOn.class)
class RoomNamesOptInTest {

    public static class RoomNamesOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(InMemorySpans.ON);
            config.put("chat.tracing.room-names", "true");
            return config;
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void spansNameTheRoom() {
        String room = uniqueRoom("named-room");
        String connection;
        try (WsClient alice = WsClient.connect(base, chatPath(room, "zelda"))) {
            connection = alice.next("welcome").getJsonObject("you").getString("id");
            alice.send(Frames.message("hello"));
            alice.next("message");
        }

        SpanData join = InMemorySpans.awaitSpanOf(spans, "chat.join", connection);
        SpanData post = InMemorySpans.awaitSpanOf(spans, "chat.post", connection);
        SpanData upgrade = InMemorySpans.awaitSpan(spans, "the upgrade",
                span -> span.getSpanId().equals(join.getParentSpanId()));
        assertEquals(room, join.getAttributes().get(ChatTracing.ROOM));
        assertEquals(room, post.getAttributes().get(ChatTracing.ROOM));
        assertEquals("/chat/" + room, upgrade.getAttributes().get(AttributeKey.stringKey("url.path")));
        assertEquals("name=", upgrade.getAttributes().get(AttributeKey.stringKey("url.query")), "names: never");
    }
}
