package org.acme.chat.tracing;

import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.acme.chat.support.Frames;
import org.acme.chat.support.InMemorySpans;
import org.acme.chat.support.RedisBacked;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * With {@code chat.broker=redis}, the Redis client's span for each script is a child of the chat's span that ran it:
 * {@code chat.join} → {@code evalsha} (join.lua), {@code chat.post} → {@code evalsha} (post.lua, which stores and
 * publishes in one step). Redis spans name the command only: no key (keys name the room), no argument.
 */
@QuarkusTest
@TestProfile(RedisTracingTest.RedisTracingOn.class)
class RedisTracingTest {

    static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");

    public static class RedisTracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return InMemorySpans.ON;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisBacked.class));
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void joinsAndPostsHaveTheirRedisCommandsAsChildren() {
        String room = uniqueRoom("redis-traced");
        String connection;
        try (WsClient alice = WsClient.connect(base, chatPath(room, "zelda"))) {
            connection = alice.next("welcome").getJsonObject("you").getString("id");
            alice.send(Frames.message("a secret text"));
            alice.next("message");
        }

        SpanData join = InMemorySpans.awaitSpanOf(spans, "chat.join", connection);
        SpanData post = InMemorySpans.awaitSpanOf(spans, "chat.post", connection);
        SpanData joinScript = InMemorySpans.awaitSpan(spans, "the join's Redis command",
                span -> span.getParentSpanId().equals(join.getSpanId()));
        SpanData postScript = InMemorySpans.awaitSpan(spans, "the post's Redis command",
                span -> span.getParentSpanId().equals(post.getSpanId()));
        for (SpanData command : List.of(joinScript, postScript)) {
            assertEquals("evalsha", command.getName());
            assertEquals(SpanKind.CLIENT, command.getKind());
            assertEquals("redis", command.getAttributes().get(DB_SYSTEM));
        }

        List<String> text = InMemorySpans.allText(spans.getFinishedSpanItems());
        assertTrue(text.stream().noneMatch(value -> value.contains(room) || value.contains("zelda")
                || value.contains("secret")), () -> "room, name or text in " + text);
    }
}
