package org.acme.chat.websocket;

import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.acme.chat.support.Frames;
import org.acme.chat.support.SlowJoinBroker;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/**
 * A client may send as soon as the upgrade is done, while its join is still with the broker (a Redis round trip).
 * Those frames wait for the join (the endpoint's {@code @OnOpen} completes only then, and WebSockets Next dispatches
 * nothing before): the welcome is always the first frame, and the early frames are answered after it, in order.
 */
@QuarkusTest
@TestProfile(EarlyFramesTest.SlowJoins.class)
class EarlyFramesTest {

    /** Joins answered 300 ms late. */
    public static class SlowJoins implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(SlowJoinBroker.class);
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void framesSentBeforeTheWelcomeAreAnsweredAfterItInOrder() {
        String room = uniqueRoom("eager");
        try (WsClient eager = WsClient.connect(base, chatPath(room, "eager"))) {
            eager.send(new JsonObject().put("type", "ping"));
            eager.send(Frames.message("hello").put("ref", "r1"));
            eager.send("not json");
            assertEquals("welcome", eager.next().getString("type"), "the welcome comes first");
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(eager.next().getString("type"));
            }
            assertEquals(List.of("pong", "message", "ack", "error"), answers);
        }
    }
}
