package org.acme.chat.limits;

import static org.acme.chat.support.Names.chatPath;
import static org.acme.chat.support.Names.uniqueRoom;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.acme.chat.support.RawClient;
import org.acme.chat.support.Frames;
import org.acme.chat.support.WsClient;
import org.junit.jupiter.api.Test;

/** The node's caps answer before the upgrade (409 for a full room, 503 for rooms and connections); members go on. */
@QuarkusTest
@TestProfile(CapacityTest.SmallServer.class)
class CapacityTest {

    /** A node for five connections, two rooms, two members a room. */
    public static class SmallServer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.limits.max-connections", "5", "chat.limits.max-rooms", "2",
                    "chat.limits.max-members-per-room", "2");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void fullRoomIs409AndTooManyRoomsOrConnectionsAre503() {
        String roomA = uniqueRoom("cap-a");
        String roomB = uniqueRoom("cap-b");
        try (WsClient a1 = WsClient.join(base, roomA, "a1");
                WsClient a2 = WsClient.join(base, roomA, "a2");
                WsClient b1 = WsClient.join(base, roomB, "b1")) {
            a1.next("join");
            assertEquals(409, WsClient.rejectedStatus(base, chatPath(roomA, "a3")), "room A is full");
            assertEquals(503, WsClient.rejectedStatus(base, chatPath(uniqueRoom("cap-c"), "c1")), "two rooms exist");

            try (WsClient echo1 = WsClient.connect(base, "/echo")) {
                WsClient echo2 = WsClient.connect(base, "/echo");
                echo2.send("five connections now");
                assertEquals("five connections now", echo2.nextText());
                assertEquals(503, WsClient.rejectedStatus(base, "/echo"), "the node is full");
                assertEquals(503, WsClient.rejectedStatus(base, chatPath(roomB, "b2")), "the node is full");

                echo2.close();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> RawClient.upgradeStatus(base, "/echo", "", "127.0.0.1") == 101);
            }
            a1.send(Frames.message("members are unaffected"));
            assertEquals("members are unaffected", a2.next("message").getString("text"));
            b1.assertNothingPending();
        }
    }
}
